package io.flint.p2p.snapshot;

import java.util.Map;

/**
 * The outbox for {@code /queue}.
 *
 * @param total every message the outbox holds: the queued ones of {@code perDestination} plus {@code waiting}
 * @param perDestination queued messages per destination peer id, per priority name
 * @param dropped messages dropped per cause ("queue_full", "retries_exhausted", "link_loss", "no_route",
 *     "banned", "send_failed")
 * @param waiting messages held back for a retry after a failed send, or by the simulated link's delay
 */
public record QueueSnapshot(int total, Map<String, Map<String, Integer>> perDestination, Map<String, Long> dropped,
        long retries, int waiting) {
    public QueueSnapshot {
        perDestination = perDestination.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
        dropped = Map.copyOf(dropped);
    }
}
