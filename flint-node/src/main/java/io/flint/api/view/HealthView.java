package io.flint.api.view;

/**
 * {@code GET /health/live} and {@code /health/ready}: {@code status} is live, ready or not_ready, with the
 * reason when not ready.
 */
public record HealthView(String status, long height, long bestKnownHeight, String reason) {
}
