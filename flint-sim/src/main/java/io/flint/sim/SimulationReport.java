package io.flint.sim;

import java.util.List;
import java.util.Map;

/**
 * What a run measured, by watching the nodes' chains, pools and transports: nothing here is
 * estimated. Times are virtual, in milliseconds; the same configuration gives the same report.
 *
 * @param virtualSeconds virtual time simulated (duration and settle)
 * @param settleSeconds virtual time after the duration until every running node had the same tip
 *     (mining goes on meanwhile), at most the configured settle time
 */
public record SimulationReport(SimulationConfig config, Topology topology, double virtualSeconds, double settleSeconds, Blocks blocks, Reorgs reorgs,
        Propagation blockPropagation, Payments payments, Traffic traffic, Churn churn, EndState end) {

    /**
     * @param bootstrapLinks distinct pairs of nodes where one has the other as a bootstrap peer
     * @param components parts of the graph those links make (1: every node can reach every other)
     */
    public record Topology(int bootstrapLinks, int components) {}

    /**
     * @param mined blocks the miners found
     * @param inBestChain of those, how many are in the final best chain
     * @param stale mined but not in the best chain
     * @param staleRate stale / mined (0 when none was mined)
     * @param bestHeight height of the best chain's tip
     */
    public record Blocks(long mined, long inBestChain, long stale, double staleRate, long bestHeight) {}

    /**
     * @param count reorganisations over all node runs (a switch of branch, one or more blocks taken off)
     * @param nodes nodes that reorganised at least once
     * @param maxDepth the most blocks one reorganisation took off
     */
    public record Reorgs(long count, int nodes, long maxDepth) {}

    /**
     * A thing reached a node when the node had checked and stored it: a block on its best chain or
     * a side branch; a payment in its pool or in a connected block.
     *
     * Light nodes are not counted: they keep no blocks and no pool.
     *
     * @param items things that appeared (blocks mined, payments accepted)
     * @param measured of those, how many reached every node run counted for them (the others are left out)
     * @param levels per share of the nodes, the delay distribution over the measured things
     * @param nodesMin the fewest nodes a measured thing was counted over (its 100 %)
     * @param nodesMax the most
     * @param nodesMean the mean, to 0.1: below the running nodes when churn brought nodes back
     *     after things appeared, which makes "every node" fewer nodes and its delays shorter
     */
    public record Propagation(long items, long measured, List<Level> levels, int nodesMin, int nodesMax,
            double nodesMean) {}

    /** The delay until {@code percentOfNodes} % of the nodes had a thing, over the measured things. */
    public record Level(int percentOfNodes, Stats delay) {}

    /** A distribution in milliseconds (nearest-rank percentiles); all zero when {@code count} is 0. */
    public record Stats(long count, double meanMs, double p50Ms, double p90Ms, double maxMs) {
        public static Stats of(List<Long> nanos) {
            if (nanos.isEmpty()) {
                return new Stats(0, 0, 0, 0, 0);
            }
            List<Long> sorted = nanos.stream().sorted().toList();
            double mean = sorted.stream().mapToLong(Long::longValue).sum() / (double) sorted.size();
            return new Stats(sorted.size(), ms(mean), ms(rank(sorted, 50)), ms(rank(sorted, 90)),
                    ms(sorted.get(sorted.size() - 1)));
        }

        private static long rank(List<Long> sorted, int percent) {
            int r = (int) Math.ceil(percent / 100.0 * sorted.size());
            return sorted.get(Math.max(r, 1) - 1);
        }

        /** Nanoseconds to milliseconds, to 0.1 ms: finer says nothing at a 50 ms tick. */
        static double ms(double nanos) {
            return Math.round(nanos / 100_000.0) / 10.0;
        }
    }

    /**
     * @param attempted payment attempts (the Poisson arrivals of --tx-rate)
     * @param accepted accepted by the pool of the node they were given to, then relayed
     * @param noCoins attempts that found no confirmed, mature coin on that node's chain
     * @param rejected refused by that node's pool
     * @param confirmed accepted payments in the final best chain
     * @param propagation delay until a payment was in the pool (or a connected block) of a share of the nodes
     */
    public record Payments(long attempted, long accepted, long noCoins, long rejected, long confirmed,
            Propagation propagation) {}

    /**
     * @param frames frames the nodes handed to their transports (lost ones included)
     * @param bytes their bytes
     * @param framesPerNode frames / nodes
     * @param bytesPerNode bytes / nodes
     * @param maxFramesNode the most frames one node sent
     * @param maxBytesNode the most bytes one node sent
     * @param messagesByType messages the engines sent, per protocol message type
     * @param framesLost frames the network lost (loss, partition, crash)
     */
    public record Traffic(long frames, long bytes, double framesPerNode, double bytesPerNode, long maxFramesNode,
            long maxBytesNode, Map<String, Long> messagesByType, long framesLost) {}

    /**
     * @param crashes nodes that crashed
     * @param leaves graceful leaves
     * @param restarts comebacks after either
     * @param freshStarts of those, with a wiped store: a new node that syncs from the genesis block
     */
    public record Churn(int crashes, int leaves, int restarts, int freshStarts) {}

    /**
     * @param running nodes running at the end
     * @param agree whether every running node has the same tip
     * @param distinctTips how many different tips the running nodes have
     * @param minHeight lowest tip height of a running node
     * @param maxHeight highest
     * @param bestTip the running nodes' tip with the most work (the best chain the other figures use)
     * @param nodes every node at the end
     */
    public record EndState(int running, boolean agree, int distinctTips, long minHeight, long maxHeight,
            String bestTip, List<NodeEnd> nodes) {

        /**
         * The running nodes without a live peer at the end: whatever they mined reached no one,
         * so the run's figures are partly each miner alone (links too slow or lossy, NAT).
         */
        public List<String> isolated() {
            return nodes.stream().filter(n -> n.running() && n.peers() == 0).map(NodeEnd::id).toList();
        }
    }

    /**
     * @param light whether it keeps headers only (its height and tip are its best header's)
     * @param runs how many times the node started (1 + restarts)
     * @param mined blocks it mined
     * @param minedInBestChain of those, in the best chain (its reward)
     * @param reorgs reorganisations over its runs
     * @param peers its peers that were ALIVE at the end (0 when it is not running)
     */
    public record NodeEnd(String id, boolean miner, boolean light, boolean nat, boolean running, long height, String tip,
            int runs, long mined, long minedInBestChain, long frames, long bytes, long reorgs, int peers) {}
}
