package io.flint.node;

import io.flint.chain.ChainState;
import io.flint.chain.HeaderInfo;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.crypto.Address;
import io.flint.mempool.AcceptOutcome;
import io.flint.net.tcp.NettyResources;
import io.flint.net.tcp.TcpConfig;
import io.flint.net.tcp.TcpTransport;
import io.flint.node.config.ClusterConfig;
import io.flint.node.config.PeerSpec;
import io.flint.p2p.snapshot.BanSnapshot;
import io.flint.p2p.snapshot.NetworkSnapshot;
import io.flint.p2p.snapshot.PeerSnapshot;
import io.flint.p2p.transport.Endpoint;
import io.flint.wallet.FeeRate;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Many real {@link FlintNode}s in one JVM, talking over real TCP on loopback: the fixture of the
 * multi-node tests and of the propagation benchmark (flint-node's test-jar).
 *
 * <p>Every node listens on 127.0.0.1 port 0, so runs never collide on ports; a node therefore
 * knows at start only the nodes started before it (their bound ports), and the others learn it
 * from its HELLO. {@link #startAll} starts NATed nodes last, since a NATed node must dial out to
 * be reachable. No HTTP API (port 0), chains in memory unless asked otherwise, one set of Netty
 * I/O threads for all nodes, one script-check thread per node. Nodes never mine on their own:
 * {@link #mine} mines one block on a chosen node.
 *
 * <p>State is read on each node's event loop ({@link #onLoop}), as the node's own threads do.
 */
public final class NodeNetwork implements AutoCloseable {
    public static final String LOOPBACK = "127.0.0.1";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration MINE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private record Member(NodeSpec spec, FlintNode node) {}

    private final Path root;
    private final NetworkParams params;
    private final boolean inMemoryChain;
    private final Clock clock = Clock.systemUTC();
    private final NettyResources io;
    private final Map<String, Member> members = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<Hash> mined = ConcurrentHashMap.newKeySet();
    private final Set<Hash> submitted = ConcurrentHashMap.newKeySet();

    /** REGTEST (a block in a few hashes), chains in memory, two I/O threads; data directories under {@code root}. */
    public NodeNetwork(Path root) {
        this(root, NetworkParams.REGTEST, 2, true);
    }

    public NodeNetwork(Path root, NetworkParams params, int ioThreads, boolean inMemoryChain) {
        this.root = root;
        this.params = params;
        this.inMemoryChain = inMemoryChain;
        this.io = NettyResources.create(ioThreads);
    }

    /** One node per entry of a config.json, in the config's order (roles, fanouts and NAT networks as given). */
    public static List<NodeSpec> specsOf(ClusterConfig config) {
        return config.peers().values().stream().map(NodeSpec::of).toList();
    }

    // ------------------------------------------------------------------ starting and stopping

    /** Starts the nodes in order, public ones first and NATed ones last; returns them in that order. */
    public List<FlintNode> startAll(Collection<NodeSpec> specs) {
        List<NodeSpec> ordered = new ArrayList<>(specs);
        ordered.sort(Comparator.comparing(NodeSpec::nat));
        List<FlintNode> out = new ArrayList<>();
        for (NodeSpec s : ordered) {
            out.add(start(s));
        }
        return out;
    }

    /** Starts one node that knows (all or some of) the nodes started before it. */
    public FlintNode start(NodeSpec spec) {
        if (members.containsKey(spec.id())) {
            throw new IllegalArgumentException("node " + spec.id() + " is already in this network");
        }
        List<PeerSpec> bootstrap = new ArrayList<>();
        for (Member m : members()) {
            if (spec.bootstrap().map(ids -> ids.contains(m.spec.id())).orElse(true)) {
                bootstrap.add(peerSpec(m));
            }
        }
        NodeSettings.Builder b = new NodeSettings.Builder();
        b.id = spec.id();
        b.network = params;
        b.dataDir = root.resolve(spec.id());
        b.inMemoryChain = inMemoryChain;
        b.advertised = new Endpoint(LOOPBACK, 0);
        b.p2pBind = LOOPBACK;
        b.apiPort = 0;
        b.fanout = spec.fanout();
        b.malicious = spec.malicious();
        b.nat = spec.nat();
        b.light = spec.light();
        b.localNetworkId = spec.localNetworkId();
        b.txInterval = spec.txInterval();
        b.bootstrap = bootstrap;
        b.scriptThreads = 1;
        FlintNode node = new FlintNode(b.build(), clock, new SecureRandom(),
                s -> new TcpTransport(TcpConfig.DEFAULTS, clock, io));
        node.start();
        members.put(spec.id(), new Member(spec, node));
        return node;
    }

    /** What a node started later is told about {@code m}: its real port (the API is off, so its HTTP port is moot). */
    private static PeerSpec peerSpec(Member m) {
        NodeSpec s = m.spec;
        int port = m.node.advertisedEndpoint().port();
        return new PeerSpec(s.id(), LOOPBACK, port, s.fanout(), s.malicious() ? "malicious" : "normal", s.nat(),
                s.light(), s.localNetworkId(), s.miner(), port);
    }

    /** Stops one node gracefully (GOODBYE, pool handed over); it stays listed as stopped. */
    public void stop(String id) {
        node(id).stop();
    }

    /** Stops every node (in parallel: each waits for its GOODBYEs to drain), then the I/O threads. */
    @Override
    public void close() {
        List<FlintNode> all = nodes();
        ExecutorService stoppers = Executors.newFixedThreadPool(Math.max(1, Math.min(all.size(), 16)));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (FlintNode n : all) {
                done.add(stoppers.submit(n::stop));
            }
            for (Future<?> f : done) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // one node failing to stop must not keep the others (and the I/O threads) running
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            stoppers.shutdownNow();
            io.close();
        }
    }

    // ------------------------------------------------------------------ members

    private List<Member> members() {
        synchronized (members) {
            return List.copyOf(members.values());
        }
    }

    public FlintNode node(String id) {
        Member m = members.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no node " + id + " in this network (have " + members.keySet() + ")");
        }
        return m.node;
    }

    public NodeSpec spec(String id) {
        return members.get(id).spec;
    }

    public List<FlintNode> nodes() {
        return nodes(s -> true);
    }

    public List<FlintNode> nodes(Predicate<NodeSpec> which) {
        return members().stream().filter(m -> which.test(m.spec)).map(Member::node).toList();
    }

    /** The running nodes that keep whole blocks and play fair: they must end on one best chain. */
    public List<FlintNode> honestFullNodes() {
        return nodes(NodeSpec::honestFull).stream().filter(FlintNode::isRunning).toList();
    }

    public List<FlintNode> lightNodes() {
        return nodes(NodeSpec::light);
    }

    public NetworkParams params() {
        return params;
    }

    public NettyResources io() {
        return io;
    }

    // ------------------------------------------------------------------ acting

    /** Runs {@code task} on the node's event loop (where its chain, pool and engine live) and returns its result. */
    public <T> T onLoop(FlintNode node, Callable<T> task) {
        return node.loop().call(task, CALL_TIMEOUT);
    }

    /** Mines one block on node {@code id} and returns it once its loop has it (connected, unless it lost a race). */
    public Block mine(String id) {
        FlintNode node = node(id);
        try {
            Block block = mineAsync(id).get(MINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            // the miner hands the block to the loop; this returns once the loop has processed it
            onLoop(node, () -> null);
            return block;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node " + id + " could not mine a block: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while mining on " + id, e);
        }
    }

    /**
     * Starts mining one block on node {@code id}; the future completes once the block is handed
     * to the node's loop (which then connects and announces it).
     */
    public CompletableFuture<Block> mineAsync(String id) {
        return node(id).mineOne().whenComplete((block, failure) -> {
            if (block != null) {
                mined.add(block.hash());
            }
        });
    }

    /** Every block {@link #mine} or {@link #mineAsync} produced in this network. */
    public Set<Hash> minedBlocks() {
        return Set.copyOf(mined);
    }

    /**
     * A payment from node {@code fromId}'s wallet, built and signed as {@code --tx-interval} does
     * and submitted to its pool (gossiped when accepted).
     */
    public Transaction pay(String fromId, Address to, Amount amount) {
        Transaction tx = payment(fromId, to, amount);
        submit(fromId, tx);
        return tx;
    }

    /** A payment from node {@code fromId}'s wallet (confirmed, mature coins only), signed but not submitted. */
    public Transaction payment(String fromId, Address to, Amount amount) {
        FlintNode from = node(fromId);
        return onLoop(from, () -> from.wallet().pay(to, amount, FeeRate.DEFAULT,
                from.coins().of(from.wallet().addresses()), from.chain().height(), params).transaction());
    }

    /** Submits a transaction to node {@code id}'s pool, which gossips it; fails if the pool refuses it. */
    public void submit(String id, Transaction tx) {
        AcceptOutcome outcome = node(id).submitTransaction(tx);
        if (!(outcome instanceof AcceptOutcome.Accepted)) {
            throw new IllegalStateException("node " + id + " refused transaction " + tx.txid() + ": " + outcome);
        }
        submitted.add(tx.txid());
    }

    /** Every transaction {@link #pay} or {@link #submit} submitted in this network. */
    public Set<Hash> submittedTransactions() {
        return Set.copyOf(submitted);
    }

    // ------------------------------------------------------------------ observing

    /** A fresh snapshot of the node's network state (peers, bans, counters), taken on its loop. */
    public NetworkSnapshot snapshot(FlintNode node) {
        return onLoop(node, () -> node.network().snapshot());
    }

    /** Ids of the peers {@code node} sees ALIVE. */
    public Set<String> alivePeers(FlintNode node) {
        return snapshot(node).peers().stream().filter(p -> "ALIVE".equals(p.status())).map(PeerSnapshot::id)
                .collect(Collectors.toSet());
    }

    /** Ids {@code node} has banned. */
    public Set<String> banned(FlintNode node) {
        return snapshot(node).blacklist().stream().map(BanSnapshot::peerId).collect(Collectors.toSet());
    }

    /** True when every running node sees every other running node ALIVE. */
    public boolean meshed() {
        List<FlintNode> running = nodes().stream().filter(FlintNode::isRunning).toList();
        for (FlintNode n : running) {
            Set<String> alive = alivePeers(n);
            for (FlintNode other : running) {
                if (other != n && !alive.contains(other.settings().id())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits until {@link #meshed()}; fails naming every node's state if it takes longer than {@code timeout}. */
    public void awaitMeshed(Duration timeout) {
        awaitCondition("every node sees every other ALIVE", timeout, this::meshed);
    }

    /** Polls {@code done} until true; on timeout throws an AssertionError with {@link #describe()}. */
    public void awaitCondition(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what + "\n" + describe());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what);
            }
        }
    }

    /** The tip of the node's best chain: of blocks for a full node, of headers for a light one. */
    public Hash tip(FlintNode node) {
        return node.settings().light() ? onLoop(node, () -> node.chain().bestHeader().hash()) : node.chain().tip().hash();
    }

    /** True when every node of {@code nodes} has the same tip. */
    public boolean agreeOnTip(Collection<FlintNode> nodes) {
        return nodes.stream().map(this::tip).distinct().count() == 1;
    }

    /** True when every node of {@code nodes} has {@code hash} as its tip. */
    public boolean allAtTip(Collection<FlintNode> nodes, Hash hash) {
        return nodes.stream().allMatch(n -> tip(n).equals(hash));
    }

    /**
     * The node's best chain as hashes from genesis to its tip (for a light node, its best header
     * chain), walked back through the header index on the node's loop.
     */
    public List<Hash> bestChain(FlintNode node) {
        return onLoop(node, () -> {
            ChainState chain = node.chain();
            HeaderInfo at = node.settings().light() ? chain.bestHeader() : chain.headerInfo(chain.tip().hash()).orElseThrow();
            List<Hash> out = new ArrayList<>();
            while (true) {
                out.add(at.hash());
                if (at.height() == 0) {
                    break;
                }
                at = chain.headerInfo(at.header().prevHash()).orElseThrow();
            }
            Collections.reverse(out);
            return out;
        });
    }

    /** Txids in the node's pool. */
    public Set<Hash> pool(FlintNode node) {
        return onLoop(node, () -> node.mempool().entries().stream().map(e -> e.txid()).collect(Collectors.toSet()));
    }

    /** One line per node (role, tip, pool, peers, bans), for failure messages. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Member m : members()) {
            FlintNode n = m.node;
            out.append(String.format("  %-6s %-22s ", m.spec.id(), m.spec.role()));
            if (!n.isRunning()) {
                out.append("stopped\n");
                continue;
            }
            try {
                String line = onLoop(n, () -> {
                    ChainState c = n.chain();
                    NetworkSnapshot s = n.network().snapshot();
                    long alive = s.peers().stream().filter(p -> "ALIVE".equals(p.status())).count();
                    return String.format("height %d tip %s header %d pool %d | alive %d/%d banned %s | %s", c.height(),
                            c.tip().hash().toString().substring(0, 12), c.bestHeader().height(), n.mempool().size(),
                            alive, s.peers().size(),
                            s.blacklist().stream().map(BanSnapshot::peerId).toList(), s.sync().phase());
                });
                out.append(line).append('\n');
            } catch (RuntimeException e) {
                out.append("unreadable: ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }
}
