package io.flint.p2p.snapshot;

import java.util.Map;

/**
 * Counters for metrics: messages in and out and redundant ones per type, drops per cause,
 * offences per kind, blocks received by the path they came (inv, parent, sync, push).
 */
public record TrafficCounters(Map<String, Long> received, Map<String, Long> sent, Map<String, Long> redundant,
        Map<String, Long> dropped, Map<String, Long> offences, Map<String, Long> blockPaths, long redundantTotal) {
    public TrafficCounters {
        received = Map.copyOf(received);
        sent = Map.copyOf(sent);
        redundant = Map.copyOf(redundant);
        dropped = Map.copyOf(dropped);
        offences = Map.copyOf(offences);
        blockPaths = Map.copyOf(blockPaths);
    }
}
