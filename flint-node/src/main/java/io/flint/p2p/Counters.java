package io.flint.p2p;

import io.flint.p2p.snapshot.TrafficCounters;
import java.util.Map;
import java.util.TreeMap;

/** Running counts the engine keeps (loop thread only); {@link #snapshot()} copies them. */
final class Counters {
    private final Map<String, Long> received = new TreeMap<>();
    private final Map<String, Long> sent = new TreeMap<>();
    private final Map<String, Long> redundant = new TreeMap<>();
    /** Incoming messages dropped, by cause. */
    private final Map<String, Long> dropped = new TreeMap<>();
    /** Outgoing messages dropped, by cause: kept apart, or /queue and the outbox metric would count incoming drops too. */
    private final Map<String, Long> outboxDropped = new TreeMap<>();
    private final Map<String, Long> offences = new TreeMap<>();
    /** Blocks received and accepted, by the path they came ({@link BlockPath#code()}). */
    private final Map<String, Long> blockPaths = new TreeMap<>();

    private static void bump(Map<String, Long> m, String key) {
        m.merge(key, 1L, Long::sum);
    }

    void received(String type) {
        bump(received, type);
    }

    void sent(String type) {
        bump(sent, type);
    }

    void redundant(String type) {
        bump(redundant, type);
    }

    void dropped(String cause) {
        bump(dropped, cause);
    }

    void outboxDropped(String cause) {
        bump(outboxDropped, cause);
    }

    void arrived(BlockPath via) {
        bump(blockPaths, via.code());
    }

    void offence(String kind) {
        bump(offences, kind);
    }

    long redundantTotal() {
        return redundant.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> outboxDroppedView() {
        return outboxDropped;
    }

    TrafficCounters snapshot() {
        return new TrafficCounters(received, sent, redundant, dropped, offences, blockPaths, redundantTotal());
    }
}
