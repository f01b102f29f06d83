package io.flint.api.view;

/**
 * One capacity sample: when (ISO-8601) and messages per second.
 */
public record CapacitySampleView(String at, double messagesPerSecond) {
}
