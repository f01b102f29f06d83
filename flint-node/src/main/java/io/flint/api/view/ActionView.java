package io.flint.api.view;

/**
 * An accepted admin action ({@code POST /peers}, {@code /sync}, {@code /shutdown}): what happens now.
 */
public record ActionView(String status, String detail) {
}
