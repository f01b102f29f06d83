package io.flint.api.view;

/**
 * Every refusal: {@code error} a stable code, {@code reason} a sentence naming the problem.
 */
public record ErrorView(String error, String reason) {
}
