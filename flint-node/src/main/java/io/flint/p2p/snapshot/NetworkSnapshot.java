package io.flint.p2p.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the HTTP API shows of the network, immutable, published by the engine at most every
 * {@code snapshotInterval}: safe to read from any thread.
 *
 * @param latency RTT in ms per peer that has one
 */
public record NetworkSnapshot(Instant at, List<PeerSnapshot> peers, Map<String, Double> latency,
        CapacitySnapshot capacity, QueueSnapshot queue, List<BanSnapshot> blacklist, SyncProgress sync,
        TrafficCounters counters) {
    public NetworkSnapshot {
        peers = List.copyOf(peers);
        latency = Map.copyOf(latency);
        blacklist = List.copyOf(blacklist);
    }
}
