package io.flint.sim;

import io.flint.chain.HeaderInfo;
import io.flint.core.Hash;
import io.flint.p2p.PeerRecord;
import io.flint.sim.SimulationReport.Blocks;
import io.flint.sim.SimulationReport.Churn;
import io.flint.sim.SimulationReport.EndState;
import io.flint.sim.SimulationReport.NodeEnd;
import io.flint.sim.SimulationReport.Propagation;
import io.flint.sim.SimulationReport.Reorgs;
import io.flint.sim.SimulationReport.Stats;
import io.flint.sim.SimulationReport.Topology;
import io.flint.sim.SimulationReport.Traffic;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads the nodes at the end of a run and turns what was observed into a {@link SimulationReport}. */
final class ReportBuilder {
    record PaymentCounts(long attempted, long noCoins, long rejected) {}

    private final SimulationConfig config;
    private final List<NodeSlot> slots;
    private final Spread<Hash> blocks;
    private final Map<Hash, NodeSlot> minedBy;
    private final Spread<Hash> txs;

    ReportBuilder(SimulationConfig config, List<NodeSlot> slots, Spread<Hash> blocks, Map<Hash, NodeSlot> minedBy,
            Spread<Hash> txs) {
        this.config = config;
        this.slots = slots;
        this.blocks = blocks;
        this.minedBy = minedBy;
        this.txs = txs;
    }

    SimulationReport build(PaymentCounts payments, Churn churn, long framesLost, long settleNanos) {
        List<SimulatedNode> running = slots.stream().map(NodeSlot::current).filter(SimulatedNode::running).toList();
        // light nodes have no blocks or pool: the chain, and what reached whom, is read from full nodes
        List<SimulatedNode> full = running.stream().filter(n -> !n.light()).toList();
        SimulatedNode reference = reference(full);
        long mined = blocks.size();
        long inBest = 0;
        Map<NodeSlot, long[]> perMiner = new HashMap<>(); // mined, in the best chain
        for (Map.Entry<Hash, NodeSlot> e : minedBy.entrySet()) {
            long[] counts = perMiner.computeIfAbsent(e.getValue(), s -> new long[2]);
            counts[0]++;
            if (reference.chain.headerInfo(e.getKey()).map(HeaderInfo::onBestChain).orElse(false)) {
                inBest++;
                counts[1]++;
            }
        }
        long confirmed = 0;
        for (Hash txid : txs.keys()) {
            if (reference.chain.transaction(txid).isPresent()) {
                confirmed++;
            }
        }
        Blocks blockCounts = new Blocks(mined, inBest, mined - inBest,
                mined == 0 ? 0 : round4((mined - inBest) / (double) mined), reference.chain.height());
        return new SimulationReport(config, topology(), Stats.ms(config.duration().toNanos() + settleNanos) / 1000.0,
                Stats.ms(settleNanos) / 1000.0, blockCounts, reorgSummary(),
                propagation(blocks, full),
                new SimulationReport.Payments(payments.attempted(), txs.size(), payments.noCoins(),
                        payments.rejected(), confirmed, propagation(txs, full)),
                traffic(framesLost), churn, endState(running, reference, perMiner));
    }

    /**
     * The running node whose tip has the most work (then the most running nodes on it, then the
     * lowest hash): the best chain, as the nodes themselves would choose once they all saw it.
     */
    private static SimulatedNode reference(List<SimulatedNode> running) {
        if (running.isEmpty()) {
            throw new IllegalStateException("no full node is running at the end (miners never churn: a bug)");
        }
        Map<Hash, Integer> votes = new LinkedHashMap<>();
        for (SimulatedNode n : running) {
            votes.merge(n.chain.tip().hash(), 1, Integer::sum);
        }
        Comparator<SimulatedNode> best = Comparator.<SimulatedNode, BigInteger>comparing(
                        n -> n.chain.tip().chainWork())
                .thenComparingInt(n -> votes.get(n.chain.tip().hash()))
                .thenComparing(n -> n.chain.tip().hash().toString(), Comparator.reverseOrder());
        return running.stream().max(best).orElseThrow();
    }

    /**
     * The graph the bootstrap lists make (a link is usable both ways once open): how many links
     * and in how many parts. A network in two parts cannot agree, whatever the protocol does.
     */
    private Topology topology() {
        int n = slots.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> index = new HashMap<>();
        for (NodeSlot slot : slots) {
            index.put(slot.id(), slot.index());
        }
        Set<Long> links = new HashSet<>();
        int parts = n;
        for (NodeSlot slot : slots) {
            for (PeerRecord peer : slot.bootstrap()) {
                int a = slot.index();
                int b = index.get(peer.id());
                links.add((long) Math.min(a, b) * n + Math.max(a, b));
                int ra = root(parent, a);
                int rb = root(parent, b);
                if (ra != rb) {
                    parent[ra] = rb;
                    parts--;
                }
            }
        }
        return new Topology(links.size(), parts);
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** A node's counts over all its runs. */
    private record SlotTotals(long frames, long bytes, long reorgs, long maxReorgDepth) {}

    private SlotTotals totals(NodeSlot slot) {
        long frames = 0;
        long bytes = 0;
        long count = 0;
        long depth = 0;
        for (SimulatedNode run : slot.runs) {
            frames += run.transport.frames();
            bytes += run.transport.bytes();
            count += run.reorgs;
            depth = Math.max(depth, run.maxReorgDepth);
        }
        return new SlotTotals(frames, bytes, count, depth);
    }

    private Reorgs reorgSummary() {
        long count = 0;
        long maxDepth = 0;
        int nodes = 0;
        for (NodeSlot slot : slots) {
            SlotTotals t = totals(slot);
            count += t.reorgs();
            maxDepth = Math.max(maxDepth, t.maxReorgDepth());
            nodes += t.reorgs() > 0 ? 1 : 0;
        }
        return new Reorgs(count, nodes, maxDepth);
    }

    private static Propagation propagation(Spread<Hash> spread, List<SimulatedNode> counted) {
        return Propagations.of(spread.size(), spread.delays(counted));
    }

    private Traffic traffic(long framesLost) {
        long frames = 0;
        long bytes = 0;
        long maxFrames = 0;
        long maxBytes = 0;
        Map<String, Long> byType = new TreeMap<>();
        for (NodeSlot slot : slots) {
            for (SimulatedNode run : slot.runs) {
                run.engine.snapshot().counters().sent().forEach((type, n) -> byType.merge(type, n, Long::sum));
            }
            SlotTotals t = totals(slot);
            frames += t.frames();
            bytes += t.bytes();
            maxFrames = Math.max(maxFrames, t.frames());
            maxBytes = Math.max(maxBytes, t.bytes());
        }
        int n = slots.size();
        return new Traffic(frames, bytes, round4(frames / (double) n), round4(bytes / (double) n), maxFrames, maxBytes,
                byType, framesLost);
    }

    private EndState endState(List<SimulatedNode> running, SimulatedNode reference, Map<NodeSlot, long[]> perMiner) {
        Hash bestTip = reference.chain.tip().hash();
        long distinct = running.stream().map(SimulatedNode::tip).distinct().count();
        long min = running.stream().mapToLong(SimulatedNode::height).min().orElse(0);
        long max = running.stream().mapToLong(SimulatedNode::height).max().orElse(0);
        List<NodeEnd> nodes = new ArrayList<>();
        for (NodeSlot slot : slots) {
            SimulatedNode current = slot.current();
            SlotTotals t = totals(slot);
            long[] mined = perMiner.getOrDefault(slot, new long[2]);
            nodes.add(new NodeEnd(slot.id(), slot.miner(), current.light(), slot.nat(), current.running(),
                    current.height(), shortHash(current.tip()), slot.runs.size(), mined[0], mined[1], t.frames(), t.bytes(),
                    t.reorgs(), current.running() ? current.alivePeers() : 0));
        }
        return new EndState(running.size(), distinct == 1, (int) distinct, min, max, bestTip.toString(), nodes);
    }

    static String shortHash(Hash hash) {
        return hash.toString().substring(0, 12);
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
