package io.flint.p2p.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * The simulated sending capacity for {@code /capacity}: messages per second now and its history
 * (0 = unlimited, link simulation off).
 */
public record CapacitySnapshot(boolean simulated, double current, List<Sample> history) {
    public CapacitySnapshot {
        history = List.copyOf(history);
    }

    public record Sample(Instant at, double messagesPerSecond) {}
}
