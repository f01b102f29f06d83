package io.flint.p2p.snapshot;

import java.util.Map;

/**
 * The outbox for {@code /queue}.
 *
 * @param perDestination queued messages per destination peer id, per priority name
 * @param dropped messages dropped per cause ("queue_full", "retries_exhausted", "link_loss", "no_route", "banned")
 */
public record QueueSnapshot(int total, Map<String, Map<String, Integer>> perDestination, Map<String, Long> dropped,
        long retries) {
    public QueueSnapshot {
        perDestination = perDestination.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
        dropped = Map.copyOf(dropped);
    }
}
