package io.flint.p2p.snapshot;

import java.util.Map;

/**
 * Counters for metrics: messages in and out and redundant ones per type, drops per cause,
 * offences per kind, bad frames.
 */
public record TrafficCounters(Map<String, Long> received, Map<String, Long> sent, Map<String, Long> redundant,
        Map<String, Long> dropped, Map<String, Long> offences, long redundantTotal) {
    public TrafficCounters {
        received = Map.copyOf(received);
        sent = Map.copyOf(sent);
        redundant = Map.copyOf(redundant);
        dropped = Map.copyOf(dropped);
        offences = Map.copyOf(offences);
    }
}
