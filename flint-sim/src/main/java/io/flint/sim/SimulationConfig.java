package io.flint.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One experiment: the network, the mining, the load and the scenario, and the seed that makes it
 * reproducible. Every check a run depends on is made here, with the command-line option's name in
 * the message, so that bad input never gets as far as a half-built network; the limits keep one
 * run from eating the machine by accident.
 *
 * @param seed the only source of randomness (mining, payments, links, engines, churn)
 * @param nodes full nodes in the network
 * @param miners how many of them mine (chosen at random; by default {@link #DEFAULT_MINERS}, or every node if fewer)
 * @param hashShares each miner's relative hash power (empty: equal shares)
 * @param peersPerNode bootstrap peers each node is configured with, chosen at random
 * @param fanout the engine's gossip fanout (peers each announcement goes to)
 * @param duration virtual time with mining, payments and the scenario
 * @param settle virtual time after that with mining, payments and churn stopped, so the network can converge
 * @param blockInterval mean time between blocks over the whole network
 * @param latency one-way link delay
 * @param jitter uniformly random extra delay per frame, up to this
 * @param loss probability that a frame is lost
 * @param txRate payments per second over the whole network (0: none)
 * @param partition an optional split of the network in two halves
 * @param churnInterval mean time between churn events (a non-miner crashes or leaves), empty: no churn
 * @param churnDowntime mean time a churned node stays away before it restarts (without churn, the unused default)
 * @param natNodes nodes behind NAT (each in a local network of its own)
 * @param lightNodes nodes that keep headers only (never miners)
 */
public record SimulationConfig(long seed, int nodes, int miners, List<Double> hashShares, int peersPerNode,
        int fanout, Duration duration, Duration settle, Duration blockInterval, Duration latency, Duration jitter,
        double loss, double txRate, Optional<PartitionWindow> partition, Optional<Duration> churnInterval,
        Duration churnDowntime, int natNodes, int lightNodes) {

    public static final int MAX_NODES = 200;
    public static final int DEFAULT_MINERS = 3;
    public static final Duration DEFAULT_CHURN_DOWNTIME = Duration.ofMinutes(2);
    /**
     * A shorter run would end before any node's engine ticked once: it would simulate nothing. The
     * same goes for a settle time other than 0 (which measures at once).
     */
    public static final Duration MIN_DURATION = Simulation.TICK;
    public static final Duration MAX_DURATION = Duration.ofDays(7);
    public static final Duration MAX_SETTLE = Duration.ofHours(1);
    /** Node-seconds of virtual time (nodes x (duration + settle)): about 20 min of wall time. */
    public static final long MAX_NODE_SECONDS = 2_000_000;
    public static final long MAX_EXPECTED_BLOCKS = 100_000;
    /**
     * Every node stores every block and payment in memory: expected blocks x nodes and expected
     * payments x nodes are bounded so that a run stays within a few hundred MB of heap.
     */
    public static final long MAX_BLOCK_COPIES = 3_000_000;
    public static final long MAX_PAYMENT_COPIES = 1_000_000;
    public static final double MAX_TX_RATE = 50;
    public static final long MAX_EXPECTED_TXS = 200_000;
    public static final Duration MIN_BLOCK_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_LATENCY = Duration.ofMinutes(1);
    public static final int MAX_FANOUT = 64;

    public SimulationConfig {
        hashShares = List.copyOf(hashShares);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(churnInterval, "churnInterval");
        check(nodes >= 2, "--nodes must be at least 2, got " + nodes);
        check(nodes <= MAX_NODES, "--nodes " + nodes + " is over the limit of " + MAX_NODES);
        check(miners >= 1, "--miners must be at least 1, got " + miners);
        check(miners <= nodes, "--miners " + miners + " is more than --nodes " + nodes);
        check(hashShares.isEmpty() || hashShares.size() == miners,
                "--hash-shares gives " + hashShares.size() + " shares for " + miners + " miners");
        for (double share : hashShares) {
            check(share > 0 && Double.isFinite(share), "--hash-shares must all be positive numbers, got " + Decimals.plain(share));
        }
        check(peersPerNode >= 1, "--peers-per-node must be at least 1, got " + peersPerNode);
        check(fanout >= 1 && fanout <= MAX_FANOUT, "--fanout must be 1.." + MAX_FANOUT + ", got " + fanout);
        check(duration.compareTo(MIN_DURATION) >= 0, shorterThanATick("--duration", duration));
        check(duration.compareTo(MAX_DURATION) <= 0,
                "--duration " + Durations.format(duration) + " is over the limit of " + Durations.format(MAX_DURATION));
        check(!settle.isNegative(), "--settle cannot be negative");
        check(settle.isZero() || settle.compareTo(MIN_DURATION) >= 0,
                shorterThanATick("--settle", settle) + ", or 0s to measure at once");
        check(settle.compareTo(MAX_SETTLE) <= 0,
                "--settle " + Durations.format(settle) + " is over the limit of " + Durations.format(MAX_SETTLE));
        long nodeSeconds = (long) nodes * duration.plus(settle).toSeconds();
        check(nodeSeconds <= MAX_NODE_SECONDS, "--nodes x (--duration + --settle) is " + nodeSeconds
                + " node-seconds, over the limit of " + MAX_NODE_SECONDS + " (fewer nodes or a shorter run)");
        check(blockInterval.compareTo(MIN_BLOCK_INTERVAL) >= 0,
                "--block-interval must be at least " + Durations.format(MIN_BLOCK_INTERVAL));
        double expectedBlocks = (double) duration.toNanos() / blockInterval.toNanos();
        check(expectedBlocks <= MAX_EXPECTED_BLOCKS, "--duration / --block-interval expects "
                + Math.round(expectedBlocks) + " blocks, over the limit of " + MAX_EXPECTED_BLOCKS);
        check(expectedBlocks * nodes <= MAX_BLOCK_COPIES, "--duration / --block-interval x --nodes expects "
                + Math.round(expectedBlocks * nodes) + " stored blocks, over the limit of " + MAX_BLOCK_COPIES);
        check(!latency.isNegative() && latency.compareTo(MAX_LATENCY) <= 0,
                "--latency must be 0.." + Durations.format(MAX_LATENCY));
        check(!jitter.isNegative() && jitter.compareTo(MAX_LATENCY) <= 0,
                "--jitter must be 0.." + Durations.format(MAX_LATENCY));
        check(loss >= 0 && loss <= 1, "--loss must be a probability in [0, 1], got " + Decimals.plain(loss));
        check(txRate >= 0 && txRate <= MAX_TX_RATE,
                "--tx-rate must be 0.." + Decimals.plain(MAX_TX_RATE) + " per second, got " + Decimals.plain(txRate));
        double expectedTxs = txRate * duration.toSeconds();
        check(expectedTxs <= MAX_EXPECTED_TXS, "--tx-rate x --duration expects " + Math.round(expectedTxs)
                + " payments, over the limit of " + MAX_EXPECTED_TXS);
        check(expectedTxs * nodes <= MAX_PAYMENT_COPIES, "--tx-rate x --duration x --nodes expects "
                + Math.round(expectedTxs * nodes) + " stored payments, over the limit of " + MAX_PAYMENT_COPIES);
        partition.ifPresent(p -> check(p.end().compareTo(duration) <= 0, "--partition " + p + " ends at "
                + Durations.format(p.end()) + ", after the run's --duration " + Durations.format(duration)));
        churnInterval.ifPresent(c -> {
            check(c.compareTo(Duration.ofSeconds(1)) >= 0, "--churn must be at least 1s between events");
            check(miners < nodes, "--churn needs nodes that do not mine (only non-miners churn): --miners equals --nodes");
        });
        check(!churnDowntime.isNegative() && !churnDowntime.isZero(), "--churn-downtime must be positive");
        check(natNodes >= 0, "--nat must be 0 or more, got " + natNodes);
        check(natNodes < nodes, "--nat " + natNodes + " leaves no node reachable from outside: at most --nodes - 1");
        check(lightNodes >= 0, "--light must be 0 or more, got " + lightNodes);
        check(lightNodes <= nodes - miners, "--light " + lightNodes + " is more than the " + (nodes - miners)
                + " nodes that do not mine (miners are full nodes)");
    }

    private static String shorterThanATick(String option, Duration d) {
        return option + " " + Durations.format(d) + " is shorter than one tick of the simulation: at least "
                + Durations.format(MIN_DURATION);
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Bootstrap peers a node really gets: {@code --peers-per-node}, or every other node it can dial
     * if fewer (nodes behind NAT cannot be dialled; a node behind NAT can dial every one that is not).
     */
    public int bootstrapPeers(boolean behindNat) {
        int dialable = nodes - natNodes - (behindNat ? 0 : 1);
        return Math.min(peersPerNode, dialable);
    }

    /** Virtual time the run covers, settle included. */
    public Duration total() {
        return duration.plus(settle);
    }

    /** A builder starting from the defaults of {@code flint sim run}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a configuration; {@link #build()} checks it. */
    public static final class Builder {
        private long seed = 1;
        private int nodes = 10;
        /** Null until given: the default depends on the nodes (a 2-node network has 2 miners, not 3). */
        private Integer miners;
        private List<Double> hashShares = List.of();
        private int peersPerNode = 8;
        private int fanout = 2;
        private Duration duration = Duration.ofMinutes(10);
        private Duration settle = Duration.ofMinutes(1);
        private Duration blockInterval = Duration.ofSeconds(10);
        private Duration latency = Duration.ofMillis(50);
        private Duration jitter = Duration.ZERO;
        private double loss;
        private double txRate;
        private Optional<PartitionWindow> partition = Optional.empty();
        private Optional<Duration> churnInterval = Optional.empty();
        /** Null until given: given without --churn it would change nothing, which is refused. */
        private Duration churnDowntime;
        private int natNodes;
        private int lightNodes;

        private Builder() {}

        private Builder(SimulationConfig c) {
            seed = c.seed;
            nodes = c.nodes;
            miners = c.miners;
            hashShares = c.hashShares;
            peersPerNode = c.peersPerNode;
            fanout = c.fanout;
            duration = c.duration;
            settle = c.settle;
            blockInterval = c.blockInterval;
            latency = c.latency;
            jitter = c.jitter;
            loss = c.loss;
            txRate = c.txRate;
            partition = c.partition;
            churnInterval = c.churnInterval;
            // a configuration without churn carries the default downtime, which was not given
            churnDowntime = c.churnInterval.isPresent() ? c.churnDowntime : null;
            natNodes = c.natNodes;
            lightNodes = c.lightNodes;
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder nodes(int v) { nodes = v; return this; }
        public Builder miners(int v) { miners = v; return this; }
        public Builder hashShares(List<Double> v) { hashShares = v; return this; }
        public Builder peersPerNode(int v) { peersPerNode = v; return this; }
        public Builder fanout(int v) { fanout = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder settle(Duration v) { settle = v; return this; }
        public Builder blockInterval(Duration v) { blockInterval = v; return this; }
        public Builder latency(Duration v) { latency = v; return this; }
        public Builder jitter(Duration v) { jitter = v; return this; }
        public Builder loss(double v) { loss = v; return this; }
        public Builder txRate(double v) { txRate = v; return this; }
        public Builder partition(PartitionWindow v) { partition = Optional.ofNullable(v); return this; }
        public Builder churn(Duration v) { churnInterval = Optional.ofNullable(v); return this; }
        public Builder churnDowntime(Duration v) { churnDowntime = v; return this; }
        public Builder nat(int v) { natNodes = v; return this; }
        public Builder light(int v) { lightNodes = v; return this; }

        /** @throws IllegalArgumentException naming the option that is wrong */
        public SimulationConfig build() {
            check(churnDowntime == null || churnInterval.isPresent(), "--churn-downtime has no effect without --churn "
                    + "(the mean time between churn events): give --churn too, or leave --churn-downtime out");
            int m = miners != null ? miners : Math.min(DEFAULT_MINERS, nodes);
            return new SimulationConfig(seed, nodes, m, hashShares, peersPerNode, fanout, duration, settle,
                    blockInterval, latency, jitter, loss, txRate, partition, churnInterval,
                    churnDowntime != null ? churnDowntime : DEFAULT_CHURN_DOWNTIME, natNodes, lightNodes);
        }
    }
}
