package io.flint.bench;

import io.flint.chain.ChainState;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.crypto.Secp256k1Engines;
import io.flint.node.FlintNode;
import io.flint.node.NodeEvent;
import io.flint.node.NodeNetwork;
import io.flint.node.NodeSpec;
import io.flint.p2p.P2pConfig;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.Transport;
import io.flint.p2p.transport.TransportListener;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Issue 5's membership figures, with real nodes ({@link FlintNode}: chain, pool, wallet, p2p
 * engine) over loopback TCP in one JVM (the {@link NodeNetwork} fixture of flint-node's tests, on
 * fixed ports of a random loopback host), each beside its floor measured or configured in the same
 * run:
 *
 * <ul>
 *   <li>join latency in a 50-node network: from a new node's start (its HELLOs go out during
 *       {@code start()}) until every live node has added it (its {@code peer-joined} event); floor:
 *       one loopback round trip (HELLO to the bootstrap peers, their NEW_PEER to everyone else);
 *   <li>graceful leave: from {@code stop()} until every peer has removed it ({@code peer-left});
 *       floor: half a round trip (GOODBYE goes to every peer directly);
 *   <li>crash detection: from the crash until every peer marks it UNREACHABLE, and until every
 *       peer has forgotten it; floors: the ping timeout, and timeout plus expiry;
 *   <li>sync: a joiner onto a chain of 10,000 blocks served by three peers, in blocks per second,
 *       beside the rate at which the same blocks connect to a chain directly (no network).
 * </ul>
 *
 * Progress goes to stderr, a Markdown table to stdout. Options: {@code --nodes N} (50),
 * {@code --joins N} (10), {@code --blocks N} (10000), {@code --no-forget} (skip the 75 s wait).
 */
public final class MembershipBenchmark {
    private static final NetworkParams PARAMS = NetworkParams.REGTEST;
    private static final int BOOTSTRAP = 11;
    private static final int FIRST_PORT = 20_000;

    private final SplittableRandom random;
    private final Path dir;
    private final Map<String, Map<String, Long>> joinedAt = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> leftAt = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> unreachableAt = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> forgottenAt = new ConcurrentHashMap<>();
    /** When each node sent its first message: a joiner's first HELLO. */
    private final Map<String, Long> firstSend = new ConcurrentHashMap<>();

    private MembershipBenchmark(SplittableRandom random) throws IOException {
        this.random = random;
        this.dir = Files.createTempDirectory("flint-membership-bench-");
    }

    public static void main(String[] args) throws Exception {
        // dozens of nodes: their logs only when something is wrong
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int size = BenchmarkMains.intArg(args, "--nodes", 50);
        int joins = BenchmarkMains.intArg(args, "--joins", 10);
        int blocks = BenchmarkMains.intArg(args, "--blocks", 10_000);
        boolean forget = !Arrays.asList(args).contains("--no-forget");
        MembershipBenchmark bench = new MembershipBenchmark(new SplittableRandom());
        try {
            bench.run(size, joins, blocks, forget);
        } finally {
            BenchmarkMains.deleteRecursively(bench.dir);
        }
        System.exit(0);
    }

    /**
     * A network whose nodes note when they first send and every membership event they see, from
     * their start on: fixed ports on a random loopback host, so they never clash with another run.
     */
    private NodeNetwork network(String name) {
        return NodeNetwork.builder(dir.resolve(name)).onRandomLoopbackHost(random, FIRST_PORT)
                .wrappingTransports((id, tcp) -> new FirstSendTimer(tcp, t -> firstSend.putIfAbsent(id, t)))
                .beforeStart(node -> {
                    String me = node.settings().id();
                    node.events().subscribe(e -> record(me, e));
                })
                .build();
    }

    private void run(int size, int joins, int blockCount, boolean forget) throws Exception {
        double rttMicros;
        List<Double> joinMs = new ArrayList<>();
        List<Double> leaveMs = new ArrayList<>();
        double unreachableS;
        double forgottenS = Double.NaN;
        P2pConfig timers;
        try (NodeNetwork net = network("membership")) {
            rttMicros = loopbackRoundTripMicros(net.host());
            log("loopback round trip (256-byte frames, median of 2000): %.1f us", rttMicros);

            // ---- a network of `size` nodes: 11 bootstrap peers, the rest joined dynamically
            List<String> bootstrap = IntStream.range(0, BOOTSTRAP).mapToObj(i -> "b" + i).toList();
            for (String b : bootstrap) {
                net.start(NodeSpec.full(b).knowing(bootstrap));
            }
            for (int i = 0; net.live().size() < size; i++) {
                net.start(joiner("n" + i, pick(bootstrap, 3, i)));
            }
            net.awaitMeshed(Duration.ofSeconds(120));
            log("%d nodes up and every one knows every other", net.live().size());
            timers = net.node("b0").network().config();

            // ---- joins and graceful leaves, one at a time, the network staying at `size`
            for (int j = 0; j < joins; j++) {
                String id = "j" + j;
                FlintNode joiner = net.start(joiner(id, pick(bootstrap, 3, j)));
                long last = awaitAll(joinedAt, id, others(net, joiner), Duration.ofSeconds(30));
                long t0 = firstSend.get(id);
                joinMs.add((last - t0) / 1e6);
                Thread.sleep(300);
                List<FlintNode> peers = others(net, joiner);
                long s0 = System.nanoTime();
                net.stop(id);
                long gone = awaitAll(leftAt, id, peers, Duration.ofSeconds(30));
                leaveMs.add((gone - s0) / 1e6);
                log("join %d: known by all %d in %.1f ms; leave: removed by all in %.1f ms", j, peers.size(),
                        joinMs.get(j), leaveMs.get(j));
            }

            // ---- crash detection
            FlintNode victim = net.start(joiner("crash", pick(bootstrap, 3, 0)));
            awaitAll(joinedAt, "crash", others(net, victim), Duration.ofSeconds(30));
            Thread.sleep(2000);
            List<FlintNode> survivors = others(net, victim);
            long c0 = System.nanoTime();
            net.crash("crash");
            long unreachable = awaitAll(unreachableAt, "crash", survivors, timers.peerTimeout().plusSeconds(30));
            unreachableS = (unreachable - c0) / 1e9;
            log("crash: UNREACHABLE at every peer after %.2f s", unreachableS);
            if (forget) {
                long forgotten = awaitAll(forgottenAt, "crash", survivors,
                        timers.peerTimeout().plus(timers.peerExpiry()).plusSeconds(60));
                forgottenS = (forgotten - c0) / 1e9;
                log("crash: forgotten by every peer after %.2f s", forgottenS);
            }
        }

        // ---- sync onto a long chain
        SyncResult sync = syncBench(blockCount);

        double floorJoinMs = rttMicros / 1e3;
        double floorLeaveMs = rttMicros / 2e3;
        System.out.println();
        System.out.printf(Locale.ROOT, "Network: %d nodes (11 bootstrap), %d joins and leaves measured one at a time; "
                + "loopback RTT %.1f us (median, same run).%n%n", size, joins, rttMicros);
        System.out.println("| measure | median | max | floor | median / floor |");
        System.out.println("|---|---:|---:|---|---:|");
        row("join: HELLO sent -> known by all " + size + " other nodes", joinMs, floorJoinMs,
                "1 RTT (HELLO, then NEW_PEER)");
        row("graceful leave: stop -> removed by every peer", leaveMs, floorLeaveMs, "RTT/2 (GOODBYE)");
        System.out.printf(Locale.ROOT, "| crash: kill -> UNREACHABLE at every peer | %.2f s | | ping timeout %d s "
                + "(silence counts from the last message, up to one %d s ping interval earlier) | %.2f |%n",
                unreachableS, timers.peerTimeout().toSeconds(), timers.pingInterval().toSeconds(),
                unreachableS / timers.peerTimeout().toSeconds());
        if (forget) {
            long floor = timers.peerTimeout().plus(timers.peerExpiry()).toSeconds();
            System.out.printf(Locale.ROOT, "| crash: kill -> forgotten by every peer | %.2f s | | timeout + expiry %d s "
                    + "| %.2f |%n", forgottenS, floor, forgottenS / floor);
        }
        System.out.printf(Locale.ROOT, "| sync: joiner onto %d blocks from 3 peers | %.2f s (%.0f blocks/s) | | "
                + "connecting the same blocks locally: %.2f s (%.0f blocks/s) | %.2f |%n", blockCount, sync.networkS,
                blockCount / sync.networkS, sync.localS, blockCount / sync.localS, sync.networkS / sync.localS);
    }

    private record SyncResult(double networkS, double localS) {}

    /** A transport that notes when its first message goes out (the moment a joiner says HELLO). */
    private record FirstSendTimer(Transport inner, java.util.function.LongConsumer onFirst) implements Transport {
        @Override
        public void start(Endpoint listen, TransportListener listener) {
            inner.start(listen, listener);
        }

        @Override
        public Endpoint localEndpoint() {
            return inner.localEndpoint();
        }

        @Override
        public void send(Endpoint to, byte[] payload) {
            onFirst.accept(System.nanoTime());
            inner.send(to, payload);
        }

        @Override
        public boolean send(ConnectionId connection, byte[] payload) {
            onFirst.accept(System.nanoTime());
            return inner.send(connection, payload);
        }

        @Override
        public void bind(ConnectionId connection, Endpoint peerListen) {
            inner.bind(connection, peerListen);
        }

        @Override
        public void close(ConnectionId connection) {
            inner.close(connection);
        }

        @Override
        public Set<Endpoint> connectedEndpoints() {
            return inner.connectedEndpoints();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private SyncResult syncBench(int count) throws Exception {
        log("generating %d regtest blocks ...", count);
        TestChainBuilder builder = new TestChainBuilder(PARAMS);
        List<Block> blocks = builder.extend(PARAMS.genesis(), count);

        // the floor: the same blocks connected straight into a chain, no network
        ChainState local = ChainState.open(new MemoryKeyValueStore(), PARAMS, Clock.systemUTC(), Runnable::run,
                Secp256k1Engines.best());
        long l0 = System.nanoTime();
        for (Block b : blocks) {
            local.submitBlock(b);
        }
        double localS = (System.nanoTime() - l0) / 1e9;
        log("local connect: %d blocks in %.2f s", count, localS);

        try (NodeNetwork net = network("sync")) {
            List<String> sources = List.of("s0", "s1", "s2");
            for (String s : sources) {
                FlintNode n = net.start(NodeSpec.full(s).knowing(sources));
                n.loop().call(() -> {
                    for (Block b : blocks) {
                        n.chain().submitBlock(b);
                    }
                    return null;
                }, Duration.ofMinutes(5));
            }
            net.awaitMeshed(Duration.ofSeconds(30));
            FlintNode joiner = net.start(joiner("syncer", sources));
            long t0 = firstSend.get("syncer");
            long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
            while (joiner.loop().call(() -> joiner.chain().height(), Duration.ofSeconds(10)) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the joiner did not sync " + count + " blocks in 10 minutes");
                }
                Thread.sleep(20);
            }
            double networkS = (System.nanoTime() - t0) / 1e9;
            log("sync: %d blocks in %.2f s (%.0f blocks/s)", count, networkS, count / networkS);
            return new SyncResult(networkS, localS);
        }
    }

    // ------------------------------------------------------------------ plumbing

    /** A node that joins dynamically, its config naming {@code known}. */
    private static NodeSpec joiner(String id, List<String> known) {
        return NodeSpec.full(id).knowing(known).joining();
    }

    /** Timestamps (nanoTime) of membership events, per subject peer and observing node. */
    private void record(String observer, NodeEvent e) {
        if (!(e.data() instanceof Map<?, ?> data) || !(data.get("peer") instanceof String peer)) {
            return;
        }
        long now = System.nanoTime();
        Map<String, Map<String, Long>> table = switch (e.kind()) {
            case "peer-joined" -> joinedAt;
            case "peer-left" -> "expired".equals(data.get("reason")) ? forgottenAt : leftAt;
            case "peer-unreachable" -> unreachableAt;
            default -> null;
        };
        if (table != null) {
            table.computeIfAbsent(peer, k -> new ConcurrentHashMap<>()).putIfAbsent(observer, now);
        }
    }

    /** Waits until every one of {@code observers} recorded the event for {@code subject}; returns the last time. */
    private static long awaitAll(Map<String, Map<String, Long>> table, String subject, List<FlintNode> observers,
            Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Map<String, Long> seen = table.getOrDefault(subject, Map.of());
            List<String> missing = observers.stream().map(n -> n.settings().id()).filter(id -> !seen.containsKey(id))
                    .toList();
            if (missing.isEmpty()) {
                return observers.stream().mapToLong(n -> seen.get(n.settings().id())).max().orElseThrow();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(subject + ": no event from " + missing.size() + " nodes within "
                        + limit.toSeconds() + " s: " + missing);
            }
            Thread.sleep(2);
        }
    }

    /** The live nodes but {@code me}: those that must see it join, leave or die. */
    private static List<FlintNode> others(NodeNetwork net, FlintNode me) {
        return net.live().stream().filter(n -> n != me).toList();
    }

    private static List<String> pick(List<String> from, int n, int seed) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(from.get((seed * 7 + i * 3) % from.size()));
        }
        return out.stream().distinct().toList();
    }

    /** Median round trip of a 256-byte frame over a loopback TCP connection on {@code host}. */
    private static double loopbackRoundTripMicros(String host) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept(); DataInputStream in = new DataInputStream(s.getInputStream());
                        DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
                    s.setTcpNoDelay(true);
                    byte[] frame = new byte[256];
                    while (true) {
                        in.readFully(frame);
                        out.write(frame);
                        out.flush();
                    }
                } catch (IOException e) {
                    // the client closed: done
                }
            }, "rtt-echo");
            echo.setDaemon(true);
            echo.start();
            try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort());
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
                s.setTcpNoDelay(true);
                byte[] frame = new byte[256];
                long[] rtt = new long[2000];
                for (int i = -500; i < rtt.length; i++) {
                    long t = System.nanoTime();
                    out.write(frame);
                    out.flush();
                    in.readFully(frame);
                    if (i >= 0) {
                        rtt[i] = System.nanoTime() - t;
                    }
                }
                Arrays.sort(rtt);
                return rtt[rtt.length / 2] / 1e3;
            }
        }
    }

    private static void row(String what, List<Double> ms, double floorMs, String floorName) {
        List<Double> sorted = ms.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        double max = sorted.get(sorted.size() - 1);
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %s = %.3f ms | %.0f |%n", what, median, max, floorName,
                floorMs, median / floorMs);
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[membership] " + format + "%n", args);
    }
}
