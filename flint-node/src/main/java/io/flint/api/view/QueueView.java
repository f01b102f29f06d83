package io.flint.api.view;

import java.util.Map;

/**
 * {@code GET /queue}: messages in the outbox ({@code total} = those of {@code per_destination} +
 * {@code waiting}), per destination peer and priority; drops per cause; retries; those held back
 * for a retry or by the simulated link's delay.
 */
public record QueueView(int total, Map<String, Map<String, Integer>> perDestination, Map<String, Long> dropped,
        long retries, int waiting) {
    public QueueView {
        perDestination = Map.copyOf(perDestination);
        dropped = Map.copyOf(dropped);
    }
}
