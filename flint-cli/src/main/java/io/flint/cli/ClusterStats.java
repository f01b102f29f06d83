package io.flint.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.cluster.NetworkWatch.BlockSeen;
import io.flint.cluster.NetworkWatch.Observation;
import io.flint.cluster.NetworkWatch.ReorgSeen;
import io.flint.sim.Propagations;
import io.flint.sim.ReportFormat;
import io.flint.sim.SimulationReport.Propagation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What {@code flint cluster stats} measured, with the simulator's definitions: the blocks mined
 * in the window (a node's {@code block} event with {@code via} "mined"), how many of them the best
 * chain kept at the end, their propagation (ms from the miner's connect to each counted node's,
 * the miner's own 0 included, at 50, 90 and 100 % of the nodes by nearest rank), and the
 * reorganisations. Counted for propagation: the honest full nodes followed for the whole window
 * (light nodes connect no blocks, a malicious one is banned and falls behind).
 *
 * @param minedInBestChain of the blocks mined, those on the best chain at the end (empty where
 *     no node answered)
 */
record ClusterStats(Duration window, Duration settle, long startMs, List<String> followed, Map<String, String> lost,
        List<String> counted, long mined, long lowestMined, long highestMined, Map<String, Boolean> minedInBestChain,
        Propagation propagation, long reorgs, int reorgNodes, long deepest) {

    /**
     * @param windowStartMs when the window began (ms, the nodes' clock: the same machine's)
     * @param windowEndMs when it ended: blocks mined after it are given the settle time only to spread
     * @param countable whether a node is counted for propagation
     * @param bestChain whether the best chain at the end holds a block (asked of the highest node)
     */
    static ClusterStats of(Observation o, Duration window, Duration settle, long windowStartMs, long windowEndMs,
            Predicate<String> countable, java.util.function.Function<String, java.util.Optional<Boolean>> bestChain) {
        List<String> counted = o.followed().stream().filter(countable).toList();
        Set<String> countedSet = Set.copyOf(counted);
        Map<String, BlockSeen> minedBlocks = new LinkedHashMap<>();
        Map<String, Map<String, Long>> connectedAt = new HashMap<>();
        for (BlockSeen b : o.blocks()) {
            connectedAt.computeIfAbsent(b.hash(), h -> new HashMap<>()).putIfAbsent(b.node(), b.connectedAt());
            if ("mined".equals(b.via()) && b.connectedAt() >= windowStartMs && b.connectedAt() <= windowEndMs) {
                minedBlocks.putIfAbsent(b.hash(), b);
            }
        }
        List<long[]> rows = new ArrayList<>();
        Map<String, Boolean> kept = new LinkedHashMap<>();
        for (BlockSeen m : minedBlocks.values()) {
            List<Long> delays = new ArrayList<>();
            for (Map.Entry<String, Long> at : connectedAt.get(m.hash()).entrySet()) {
                if (countedSet.contains(at.getKey())) {
                    delays.add(Math.max(0, at.getValue() - m.connectedAt()) * 1_000_000);
                }
            }
            Propagations.row(delays, counted.size()).ifPresent(rows::add);
            bestChain.apply(m.hash()).ifPresent(on -> kept.put(m.hash(), on));
        }
        Map<String, Long> perNode = new HashMap<>();
        long deepest = 0;
        for (ReorgSeen r : o.reorgs()) {
            perNode.merge(r.node(), 1L, Long::sum);
            deepest = Math.max(deepest, r.disconnected());
        }
        long lowest = minedBlocks.values().stream().mapToLong(BlockSeen::height).min().orElse(-1);
        long highest = minedBlocks.values().stream().mapToLong(BlockSeen::height).max().orElse(-1);
        return new ClusterStats(window, settle, windowStartMs, o.followed(), o.lost(), counted, minedBlocks.size(),
                lowest, highest, kept, Propagations.of(minedBlocks.size(), rows), o.reorgs().size(), perNode.size(),
                deepest);
    }

    long inBestChain() {
        return minedInBestChain.values().stream().filter(b -> b).count();
    }

    long stale() {
        return minedInBestChain.values().stream().filter(b -> !b).count();
    }

    /** stale / judged, or empty when no mined block could be judged. */
    java.util.OptionalDouble staleRate() {
        return minedInBestChain.isEmpty() ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of((double) stale() / minedInBestChain.size());
    }

    String text() {
        StringBuilder out = new StringBuilder();
        java.time.LocalTime from = java.time.Instant.ofEpochMilli(startMs).atZone(java.time.ZoneId.systemDefault())
                .toLocalTime().withNano(0);
        out.append(String.format(Locale.ROOT, "flint cluster stats: %d nodes followed for %s from %s (then %s for the "
                + "last blocks to spread); %d honest full nodes counted for propagation%n", followed.size(),
                io.flint.sim.Durations.format(window), from, io.flint.sim.Durations.format(settle), counted.size()));
        lost.forEach((node, why) -> out.append("  not counted: node ").append(node).append(": ").append(why)
                .append('\n'));
        out.append('\n');
        long judged = minedInBestChain.size();
        out.append(String.format(Locale.ROOT, "blocks       mined %d%s, in the best chain %d, stale %d (%s)%s%n", mined,
                mined == 0 ? "" : " (heights " + lowestMined + ".." + highestMined + ")", inBestChain(), stale(),
                staleRate().isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * staleRate().getAsDouble()),
                judged < mined ? "; " + (mined - judged) + " not found on the node asked" : ""));
        out.append(String.format(Locale.ROOT, "reorgs       %d on %d %s, deepest %d %s%n", reorgs, reorgNodes,
                reorgNodes == 1 ? "node" : "nodes", deepest, deepest == 1 ? "block" : "blocks"));
        out.append('\n');
        ReportFormat.propagationTable(out, "block propagation (ms from mined to connected, on each node's clock)",
                propagation, "block", "blocks");
        return out.toString();
    }

    ObjectNode json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("window_start", java.time.Instant.ofEpochMilli(startMs).toString());
        root.put("window_seconds", window.toMillis() / 1000.0);
        root.put("settle_seconds", settle.toMillis() / 1000.0);
        ArrayNode f = root.putArray("followed");
        followed.forEach(f::add);
        ObjectNode l = root.putObject("not_counted");
        lost.forEach(l::put);
        ArrayNode c = root.putArray("counted");
        counted.forEach(c::add);
        ObjectNode blocks = root.putObject("blocks");
        blocks.put("mined", mined);
        blocks.put("in_best_chain", inBestChain());
        blocks.put("stale", stale());
        blocks.put("not_found", mined - minedInBestChain.size());
        if (staleRate().isPresent()) {
            blocks.put("stale_rate", staleRate().getAsDouble());
        } else {
            blocks.putNull("stale_rate");
        }
        blocks.put("lowest_height", lowestMined);
        blocks.put("highest_height", highestMined);
        ObjectNode r = root.putObject("reorgs");
        r.put("count", reorgs);
        r.put("nodes", reorgNodes);
        r.put("max_depth", deepest);
        root.set("block_propagation", ReportFormat.propagation(propagation));
        return root;
    }
}
