package io.flint.api.view;

import java.util.Map;

/**
 * {@code GET /queue}: messages waiting in the outbox, per destination peer and priority; drops per cause;
 * retries.
 */
public record QueueView(int total, Map<String, Map<String, Integer>> perDestination, Map<String, Long> dropped,
        long retries) {
    public QueueView {
        perDestination = Map.copyOf(perDestination);
        dropped = Map.copyOf(dropped);
    }
}
