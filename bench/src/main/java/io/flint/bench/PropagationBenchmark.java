package io.flint.bench;

import ch.qos.logback.classic.Level;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.net.tcp.TcpConfig;
import io.flint.net.tcp.TcpTransport;
import io.flint.node.FlintNode;
import io.flint.node.NodeNetwork;
import io.flint.node.NodeSpec;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Issue 4's propagation benchmark: {@code --nodes} (50) real nodes in one JVM over loopback TCP
 * (the {@link NodeNetwork} fixture of flint-node's tests), a fresh network for each fanout of
 * {@code --fanouts} (1,2,4,8). In each: blocks mined one at a time on one node, each timed from
 * the moment the solved block is handed to its miner's event loop until it is connected on 50%,
 * 95% and 100% of the other nodes; then payments submitted one at a time on the same node, timed
 * from submission until they are in the other nodes' pools. Redundant copies (a message id seen
 * before) come from the engines' own counters. Beside them, the physical floor: the depth of a
 * gossip tree of that fanout over the network times the per-hop loopback latency measured in the
 * same run (a frame's round trip through two {@link TcpTransport}s, halved) - three one-way hops
 * per block hop (INV, GETBLOCK, BLOCK), one per transaction hop (TX). Prints a Markdown table.
 *
 * <p>Usage: {@code PropagationBenchmark [--nodes N] [--fanouts 1,2,4,8] [--blocks 15] [--txs 7]}.
 */
public final class PropagationBenchmark {
    private static final String MINER = "6000";
    private static final int WARMUP_BLOCKS = 3;
    private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(30);
    /** Transactions have no catch-up: once nothing new arrives for this long, the gossip is over. */
    private static final Duration TX_QUIET = Duration.ofMillis(1500);
    private static final Duration TX_TIMEOUT = Duration.ofSeconds(10);
    private static final int ROUND_TRIPS = 2000;

    /** Median times (ms) to reach 50 / 95 / 100 % of the other nodes, over the items that reached them. */
    record Spread(double p50, double p95, double p100, int complete, int items, double redundantPerNode,
            double coverage) {}

    record Row(int fanout, int depth, double oneWayMicros, Spread blocks, Spread txs) {}

    private PropagationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int nodes = 50;
        int[] fanouts = {1, 2, 4, 8};
        int blocks = 15;
        int txs = 7;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--fanouts" -> fanouts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--blocks" -> blocks = Integer.parseInt(args[++i]);
                case "--txs" -> txs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --nodes N --fanouts 1,2,4,8 --blocks N --txs N)");
            }
        }
        // fifty nodes logging every block would measure the console, not the network
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.flint")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.netty")).setLevel(Level.WARN);

        List<Row> rows = new ArrayList<>();
        for (int fanout : fanouts) {
            rows.add(run(nodes, fanout, blocks, txs));
        }
        print(nodes, blocks, txs, rows);
    }

    private static Row run(int nodes, int fanout, int blocks, int txs) throws Exception {
        Path dir = Files.createTempDirectory("flint-propagation-");
        NetworkParams params = NetworkParams.REGTEST;
        if (WARMUP_BLOCKS + blocks < params.coinbaseMaturity() + txs) {
            throw new IllegalArgumentException("need at least " + (params.coinbaseMaturity() + txs - WARMUP_BLOCKS)
                    + " blocks so the payer has " + txs + " mature block rewards to spend");
        }
        long started = System.nanoTime();
        try (NodeNetwork net = NodeNetwork.builder(dir).params(params).ioThreads(2).build()) {
            List<NodeSpec> specs = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                NodeSpec s = NodeSpec.full(String.valueOf(6000 + i)).withFanout(fanout);
                specs.add(i == 0 ? s.asMiner() : s);
            }
            net.startAll(specs);
            net.awaitMeshed(Duration.ofMinutes(3));
            System.err.printf("fanout %d: %d nodes up and meshed in %.1f s%n", fanout, nodes,
                    (System.nanoTime() - started) / 1e9);
            Arrivals arrivals = new Arrivals(net);
            double oneWay = oneWayLatencyMicros(net);

            for (int i = 0; i < WARMUP_BLOCKS; i++) {
                timeBlock(net, arrivals);
            }
            long invBefore = redundant(net, "INV");
            List<double[]> blockTimes = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                blockTimes.add(timeBlock(net, arrivals));
            }
            long invAfter = redundant(net, "INV");
            Spread blockSpread = spread(blockTimes, nodes - 1, (invAfter - invBefore) / (double) nodes / blocks);

            SplittableRandom random = new SplittableRandom(fanout);
            long txBefore = redundant(net, "TX");
            List<double[]> txTimes = new ArrayList<>();
            for (int i = 0; i < txs; i++) {
                FlintNode payee = net.node(String.valueOf(6001 + random.nextInt(nodes - 1)));
                Transaction tx = net.payment(MINER, payee.payoutAddress(), Amount.ofCoins(1));
                txTimes.add(timeTransaction(net, arrivals, tx));
            }
            long txAfter = redundant(net, "TX");
            Spread txSpread = spread(txTimes, nodes - 1, (txAfter - txBefore) / (double) nodes / txs);
            System.err.printf("fanout %d done in %.1f s%n", fanout, (System.nanoTime() - started) / 1e9);
            return new Row(fanout, treeDepth(fanout, nodes), oneWay, blockSpread, txSpread);
        } finally {
            BenchmarkMains.deleteRecursively(dir);
        }
    }

    /** Mines one block on the miner; arrival times (ms after it was handed to the miner's loop) on the other nodes. */
    private static double[] timeBlock(NodeNetwork net, Arrivals arrivals) throws Exception {
        long[] handedOver = new long[1];
        Block block = net.mineAsync(MINER).whenComplete((b, e) -> handedOver[0] = System.nanoTime())
                .get(BLOCK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        String key = block.hash().toString();
        int others = net.nodes().size() - 1;
        long deadline = System.nanoTime() + BLOCK_TIMEOUT.toNanos();
        while (arrivals.count(key, MINER) < others && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return arrivals.since(key, MINER, handedOver[0]);
    }

    /** Submits a payment on the miner; arrival times (ms after submission) in the other nodes' pools. */
    private static double[] timeTransaction(NodeNetwork net, Arrivals arrivals, Transaction tx) throws Exception {
        String key = tx.txid().toString();
        int others = net.nodes().size() - 1;
        long submitted = System.nanoTime();
        net.submit(MINER, tx);
        long deadline = submitted + TX_TIMEOUT.toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = arrivals.count(key, MINER);
            if (now >= others) {
                break;
            }
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TX_QUIET.toNanos()) {
                break;
            }
            Thread.sleep(5);
        }
        return arrivals.since(key, MINER, submitted);
    }

    /** When each node connected a block or pooled a transaction, from the node's own events (on its loop). */
    private static final class Arrivals {
        private final Map<String, Map<String, Long>> at = new ConcurrentHashMap<>();

        Arrivals(NodeNetwork net) {
            for (FlintNode n : net.nodes()) {
                String id = n.settings().id();
                n.events().subscribe(e -> {
                    if (e.data() instanceof Map<?, ?> data) {
                        Object key = e.kind().equals("block") ? data.get("hash") : e.kind().equals("tx") ? data.get("txid") : null;
                        if (key != null) {
                            long now = System.nanoTime();
                            at.computeIfAbsent(key.toString(), k -> new ConcurrentHashMap<>()).putIfAbsent(id, now);
                        }
                    }
                });
            }
        }

        int count(String key, String except) {
            Map<String, Long> m = at.getOrDefault(key, Map.of());
            return m.size() - (m.containsKey(except) ? 1 : 0);
        }

        /** Sorted arrival delays in ms on every node but {@code except}. */
        double[] since(String key, String except, long start) {
            return at.getOrDefault(key, Map.of()).entrySet().stream().filter(e -> !e.getKey().equals(except))
                    .mapToDouble(e -> (e.getValue() - start) / 1e6).sorted().toArray();
        }
    }

    private static long redundant(NodeNetwork net, String type) {
        long sum = 0;
        for (FlintNode n : net.nodes()) {
            sum += net.snapshot(n).counters().redundant().getOrDefault(type, 0L);
        }
        return sum;
    }

    /**
     * Medians over items of the time to reach 50 / 95 / 100 % of {@code others} nodes; an item
     * that never reached that share counts as infinitely late, so each median is a real order
     * statistic (infinite when most items never got there).
     */
    static Spread spread(List<double[]> items, int others, double redundantPerNode) {
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        List<Double> p100 = new ArrayList<>();
        List<Double> coverage = new ArrayList<>();
        int complete = 0;
        for (double[] t : items) {
            coverage.add(t.length / (double) others);
            p50.add(reach(t, others, 0.50));
            p95.add(reach(t, others, 0.95));
            p100.add(reach(t, others, 1.00));
            complete += t.length >= others ? 1 : 0;
        }
        return new Spread(median(p50), median(p95), median(p100), complete, items.size(), redundantPerNode,
                median(coverage));
    }

    /** The time by which {@code share} of {@code others} nodes had it; infinite if fewer did. */
    private static double reach(double[] sorted, int others, double share) {
        int needed = (int) Math.ceil(share * others);
        return sorted.length >= needed ? sorted[needed - 1] : Double.POSITIVE_INFINITY;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /**
     * Depth of the shallowest gossip tree of fanout {@code f} covering {@code n} nodes: every
     * informed node passes the message to {@code f} new ones, so depth d covers
     * 1 + f + f^2 + ... + f^d nodes (d = n - 1 for a chain, f = 1).
     */
    static int treeDepth(int f, int n) {
        if (f == 1) {
            return n - 1;
        }
        long covered = 1;
        long level = 1;
        int depth = 0;
        while (covered < n) {
            level *= f;
            covered += level;
            depth++;
        }
        return depth;
    }

    /**
     * One-way latency of a 256-byte frame through TcpTransport on loopback, in the running
     * network's I/O threads: the median round trip (A sends, B echoes on the same connection),
     * halved.
     */
    private static double oneWayLatencyMicros(NodeNetwork net) throws Exception {
        BlockingQueue<Long> back = new ArrayBlockingQueue<>(1);
        TcpTransport a = new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), net.io());
        TcpTransport b = new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), net.io());
        try {
            b.start(new Endpoint(net.host(), 0), new Echo(b));
            a.start(new Endpoint(net.host(), 0), new TransportListener() {
                @Override
                public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
                    back.offer(System.nanoTime());
                }

                @Override
                public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {}
            });
            byte[] frame = new byte[256];
            Arrays.fill(frame, (byte) 'x');
            long[] rtt = new long[ROUND_TRIPS];
            for (int i = -200; i < ROUND_TRIPS; i++) {
                long sent = System.nanoTime();
                a.send(b.localEndpoint(), frame);
                Long arrived = back.poll(5, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("no echo within 5 s");
                }
                if (i >= 0) {
                    rtt[i] = arrived - sent;
                }
            }
            Arrays.sort(rtt);
            return rtt[ROUND_TRIPS / 2] / 2.0 / 1e3;
        } finally {
            a.close();
            b.close();
        }
    }

    /** Sends every frame back on the connection it came on. */
    private record Echo(TcpTransport transport) implements TransportListener {
        @Override
        public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
            transport.send(connection, payload);
        }

        @Override
        public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {}
    }

    private static void print(int nodes, int blocks, int txs, List<Row> rows) {
        System.out.printf("%d nodes in one JVM on loopback TCP; per fanout %d blocks (after %d warm-up) and %d"
                + " transactions, one at a time from one node; medians over them.%n%n", nodes, blocks, WARMUP_BLOCKS, txs);
        System.out.println("| fanout | tree depth d | one-way hop (µs) | block floor 3·d·hop (ms) | block 50% (ms) | 95% (ms)"
                + " | 100% (ms) | 100% ÷ floor | blocks reaching all | redundant INV / node / block |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            Spread s = r.blocks;
            double floor = 3 * r.depth * r.oneWayMicros / 1e3;
            System.out.printf("| %d | %d | %.0f | %.2f | %s | %s | %s | %s | %d/%d | %.2f |%n", r.fanout, r.depth,
                    r.oneWayMicros, floor, ms(s.p50), ms(s.p95), ms(s.p100), times(s.p100 / floor), s.complete, s.items,
                    s.redundantPerNode);
        }
        System.out.println();
        System.out.println("| fanout | tx floor d·hop (ms) | tx 50% (ms) | 95% (ms) | 100% (ms) | 100% ÷ floor | txs reaching all"
                + " | nodes reached (median) | redundant TX / node / tx |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            Spread s = r.txs;
            double floor = r.depth * r.oneWayMicros / 1e3;
            System.out.printf("| %d | %.2f | %s | %s | %s | %s | %d/%d | %.0f%% | %.2f |%n", r.fanout, floor, ms(s.p50),
                    ms(s.p95), ms(s.p100), times(s.p100 / floor), s.complete, s.items, 100 * s.coverage,
                    s.redundantPerNode);
        }
    }

    private static String times(double ratio) {
        return Double.isInfinite(ratio) ? "-" : String.format("%.0f×", ratio);
    }

    private static String ms(double v) {
        return Double.isInfinite(v) ? "never" : v < 10 ? String.format("%.1f", v) : String.format("%.0f", v);
    }
}
