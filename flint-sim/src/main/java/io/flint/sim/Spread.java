package io.flint.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How things (blocks, transactions) spread: when each appeared and when each node run first had
 * it. A node run that started after the thing appeared, or stopped before the end, is not counted
 * for it: only the runs that could have received it and are there at the end are.
 *
 * @param <K> what identifies a thing (a block or transaction hash)
 */
final class Spread<K> {
    private final Map<K, Long> origins = new LinkedHashMap<>();
    private final Map<K, Map<SimulatedNode, Long>> firstSeen = new HashMap<>();

    /** {@code key} appeared at {@code atNanos}; sightings of unknown keys are ignored. */
    void origin(K key, long atNanos) {
        origins.putIfAbsent(key, atNanos);
        firstSeen.putIfAbsent(key, new HashMap<>());
    }

    void forget(K key) {
        origins.remove(key);
        firstSeen.remove(key);
    }

    boolean knows(K key) {
        return origins.containsKey(key);
    }

    void seen(K key, SimulatedNode node, long atNanos) {
        Map<SimulatedNode, Long> seen = firstSeen.get(key);
        if (seen != null) {
            seen.putIfAbsent(node, atNanos);
        }
    }

    Iterable<K> keys() {
        return origins.keySet();
    }

    int size() {
        return origins.size();
    }

    /**
     * For each thing that reached every counted node run, the delay in nanoseconds until it had
     * reached each share of them ({@link Propagations#LEVELS}) (a nearest-rank fraction: 50 % of 5 nodes is the
     * 3rd); things that did not reach them all are left out, so that every level is measured on
     * the same things and the levels stay ordered.
     *
     * @param counted the node runs present at the end
     * @return one row per thing that reached all: one delay per level, then the number of node
     *     runs counted for it (those running when it appeared)
     */
    List<long[]> delays(List<SimulatedNode> counted) {
        List<long[]> rows = new ArrayList<>();
        for (Map.Entry<K, Long> e : origins.entrySet()) {
            long origin = e.getValue();
            Predicate<SimulatedNode> there = n -> n.startedAtNanos <= origin;
            Map<SimulatedNode, Long> seen = firstSeen.get(e.getKey());
            List<Long> delays = new ArrayList<>();
            int eligible = 0;
            for (SimulatedNode n : counted) {
                if (there.test(n)) {
                    eligible++;
                    Long at = seen.get(n);
                    if (at != null) {
                        delays.add(at - origin);
                    }
                }
            }
            Propagations.row(delays, eligible).ifPresent(rows::add);
        }
        return rows;
    }
}
