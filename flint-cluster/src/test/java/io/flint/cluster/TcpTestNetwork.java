package io.flint.cluster;

import static org.awaitility.Awaitility.await;

import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.net.tcp.NettyResources;
import io.flint.net.tcp.TcpConfig;
import io.flint.net.tcp.TcpTransport;
import io.flint.node.FlintNode;
import io.flint.node.NodeSettings;
import io.flint.node.config.PeerSpec;
import io.flint.p2p.snapshot.PeerSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Real Flint nodes in this JVM, talking TCP over loopback: each a {@link FlintNode} with its own
 * event loop, chain (in memory, regtest proof of work), pool, wallet and transport; the
 * transports share one set of Netty threads. Every network gets a random 127.x.y.z host, so its
 * fixed ports never clash with another run on the same machine.
 */
final class TcpTestNetwork implements AutoCloseable {
    static final NetworkParams PARAMS = NetworkParams.REGTEST;
    private static final int FIRST_PORT = 5000;

    final String host;
    private final Path dir;
    private final NettyResources io = NettyResources.create(2);
    private final Map<String, FlintNode> nodes = new LinkedHashMap<>();
    private final Map<String, PeerSpec> specs = new LinkedHashMap<>();
    private final Set<String> crashed = new HashSet<>();
    private int nextPort = FIRST_PORT;

    TcpTestNetwork(RandomGenerator random) {
        this.host = Ports.randomLoopbackHost(random);
        try {
            this.dir = Files.createTempDirectory("flint-scenario-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A peer entry on this network's host with the next port. */
    synchronized PeerSpec spec(String id) {
        return specs.computeIfAbsent(id, k -> {
            int port = nextPort++;
            return new PeerSpec(id, host, port, PeerSpec.DEFAULT_FANOUT, "normal", false, false, "", false, port + 2000);
        });
    }

    /** Starts node {@code id} knowing {@code bootstrap} (as its config.json would list them). */
    FlintNode start(String id, Collection<String> bootstrap, boolean dynamic) {
        return start(id, bootstrap, dynamic, b -> {});
    }

    FlintNode start(String id, Collection<String> bootstrap, boolean dynamic, Consumer<NodeSettings.Builder> tweak) {
        List<PeerSpec> others = bootstrap.stream().filter(b -> !b.equals(id)).map(this::spec).toList();
        NodeSettings.Builder b = NodeSettings.fromPeer(spec(id), others, PARAMS, dir.resolve(id));
        b.inMemoryChain = true;
        b.apiPort = 0;
        b.dynamic = dynamic;
        b.scriptThreads = 1;
        tweak.accept(b);
        FlintNode node = new FlintNode(b.build(), Clock.systemUTC(), new SecureRandom(),
                s -> new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), io));
        node.start();
        synchronized (this) {
            crashed.remove(id);
            nodes.put(id, node);
        }
        return node;
    }

    synchronized FlintNode node(String id) {
        return nodes.get(id);
    }

    /** Nodes that run (not stopped, not crashed). */
    synchronized List<FlintNode> live() {
        return nodes.values().stream().filter(FlintNode::isRunning).filter(n -> !crashed.contains(n.settings().id()))
                .toList();
    }

    List<String> liveIds() {
        return live().stream().map(n -> n.settings().id()).toList();
    }

    /** A graceful stop: GOODBYE with the pool handed over, peers.json written. */
    void stop(String id) {
        node(id).stop();
    }

    /**
     * A crash: the node stops mining, its sockets close and its loop dies, with no GOODBYE - as a
     * killed process's would.
     */
    void crash(String id) {
        FlintNode n = node(id);
        n.miner().stop();
        n.transport().close();
        n.loop().shutdown(Duration.ofSeconds(2));
        synchronized (this) {
            crashed.add(id);
        }
    }

    /** Mines one block on {@code id} (regtest: at once) and waits until it is submitted. */
    Block mine(String id) {
        try {
            return node(id).mineOne().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("node " + id + " could not mine: " + e, e);
        }
    }

    /** The peers {@code id} currently lists as ALIVE. */
    static Set<String> alivePeers(FlintNode node) {
        return onLoop(node, () -> {
            Set<String> out = new HashSet<>();
            for (PeerSnapshot p : node.network().snapshot().peers()) {
                if ("ALIVE".equals(p.status())) {
                    out.add(p.id());
                }
            }
            return out;
        });
    }

    /** Every peer {@code node} lists, whatever its status. */
    static Map<String, String> peerStatus(FlintNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        onLoop(node, () -> {
            node.network().snapshot().peers().forEach(p -> out.put(p.id(), p.status()));
            return null;
        });
        return out;
    }

    static <T> T onLoop(FlintNode node, java.util.concurrent.Callable<T> task) {
        return node.loop().call(task, Duration.ofSeconds(10));
    }

    static Hash tip(FlintNode node) {
        return onLoop(node, () -> node.chain().tip().hash());
    }

    static long height(FlintNode node) {
        return onLoop(node, () -> node.chain().height());
    }

    static boolean pooled(FlintNode node, Hash txid) {
        return onLoop(node, () -> node.mempool().contains(txid));
    }

    static Set<Hash> poolTxids(FlintNode node) {
        return onLoop(node, () -> {
            Set<Hash> out = new HashSet<>();
            node.mempool().entries().forEach(e -> out.add(e.txid()));
            return out;
        });
    }

    /** Txids in the node's best chain. */
    static Set<Hash> confirmedTxids(FlintNode node) {
        return onLoop(node, () -> {
            Set<Hash> out = new HashSet<>();
            for (long h = 0; h <= node.chain().height(); h++) {
                node.chain().blockAt(h).ifPresent(b -> b.transactions().forEach(t -> out.add(t.txid())));
            }
            return out;
        });
    }

    /**
     * Admits {@code tx} to the node's own pool only, without gossiping it: a transaction no other
     * node has seen.
     */
    static boolean admitPrivately(FlintNode node, Transaction tx) {
        return onLoop(node, () -> node.mempool().accept(tx) instanceof io.flint.mempool.AcceptOutcome.Accepted);
    }

    /** Waits until every live node lists every other live node as ALIVE. */
    void awaitFullMesh(Duration limit) {
        explained("a full mesh", () -> await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> {
            Set<String> ids = new HashSet<>(liveIds());
            for (FlintNode n : live()) {
                Set<String> expected = new HashSet<>(ids);
                expected.remove(n.settings().id());
                if (!alivePeers(n).containsAll(expected)) {
                    return false;
                }
            }
            return true;
        }));
    }

    /** Runs an await; when it times out, the failure shows every node's height and peers. */
    private void explained(String what, Runnable awaiting) {
        try {
            awaiting.run();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " in time:\n" + describe(), e);
        }
    }

    /** Waits until every live full node has the same tip, and returns it. */
    Hash awaitSameTip(Duration limit) {
        explained("common tip", () -> await().atMost(limit).pollInterval(Duration.ofMillis(200))
                .until(() -> live().stream().filter(n -> !n.settings().light()).map(TcpTestNetwork::tip).distinct()
                        .count() == 1));
        return tip(live().get(0));
    }

    /** One line per live node: its peers and height, for failure messages. */
    String describe() {
        StringBuilder s = new StringBuilder();
        for (FlintNode n : live()) {
            s.append(n.settings().id()).append(": height ").append(height(n)).append(", peers ")
                    .append(peerStatus(n)).append(", ").append(onLoop(n, () -> "headers to "
                            + n.chain().bestHeader().height() + ", orphans " + n.chain().orphans().size()
                            + ", missing " + n.chain().missingBlocks(5).size() + ", sync "
                            + n.network().snapshot().sync())).append('\n');
        }
        return s.toString();
    }

    @Override
    public void close() {
        List<FlintNode> running = new ArrayList<>(live());
        running.parallelStream().forEach(FlintNode::stop);
        io.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
