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
import io.flint.p2p.transport.Transport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Many real {@link FlintNode}s in one JVM, talking over real TCP on loopback: the one fixture of
 * the multi-node tests (flint-node's and flint-cluster's *IT) and of the propagation and
 * membership benchmarks (through flint-node's test-jar).
 *
 * <p><b>Building.</b> {@code new NodeNetwork(root)} is REGTEST (a block in a few hashes), chains
 * in memory, two Netty I/O threads shared by every node, and ephemeral ports on 127.0.0.1.
 * {@link #builder(Path)} changes any of that; in particular
 * {@link Builder#onRandomLoopbackHost} gives every node a fixed address on a random 127.x.y.z
 * host, so that a config can name nodes not started yet. Data directories are {@code root/<id>};
 * the caller owns {@code root} (a JUnit {@code @TempDir}).
 *
 * <p><b>Nodes.</b> A {@link NodeSpec} says what a node is (role, fanout, NAT, light, dynamic join)
 * and whom it knows at start. {@link #start} and {@link #startAll} add nodes; {@link #stop} stops
 * one gracefully (GOODBYE, pool handed over, peers.json written); {@link #crash} kills one as
 * {@code kill -9} would; {@link #restart} brings a stopped or crashed node back with the same
 * data directory (wallet, peers.json, and with {@link Builder#chainOnDisk} its chain) at the same
 * address. No HTTP API (port 0), one script-check thread per node, and nodes never mine on their
 * own: {@link #mine} mines one block on a chosen node.
 *
 * <p><b>Observing.</b> State is read on each node's event loop ({@link #onLoop}), as the node's
 * own threads do. The waits ({@link #awaitCondition}, {@link #awaitMeshed},
 * {@link #awaitCommonTip}) fail with {@link #describe()}: one line per node with its chain, pool,
 * peers and sync state. This class uses no test library, so the benchmarks can run it.
 */
public final class NodeNetwork implements AutoCloseable {
    /** The host of a network on ephemeral ports. */
    public static final String LOOPBACK = LoopbackAddresses.LOOPBACK;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration MINE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CRASH_GRACE = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(50);

    private record Member(NodeSpec spec, FlintNode node) {}

    private final Path root;
    private final NetworkParams params;
    private final boolean inMemoryChain;
    private final LoopbackAddresses addresses;
    private final BiFunction<String, Transport, Transport> transports;
    private final Consumer<FlintNode> beforeStart;
    private final Clock clock = Clock.systemUTC();
    private final NettyResources io;
    private final Map<String, Member> members = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> crashed = ConcurrentHashMap.newKeySet();
    private final Set<Hash> mined = ConcurrentHashMap.newKeySet();
    private final Set<Hash> submitted = ConcurrentHashMap.newKeySet();

    /** REGTEST, chains in memory, two I/O threads, ephemeral ports on 127.0.0.1; data directories under {@code root}. */
    public NodeNetwork(Path root) {
        this(builder(root));
    }

    private NodeNetwork(Builder b) {
        this.root = b.root;
        this.params = b.params;
        this.inMemoryChain = !b.chainOnDisk;
        this.addresses = b.addresses;
        this.transports = b.transports;
        this.beforeStart = b.beforeStart;
        this.io = NettyResources.create(b.ioThreads);
    }

    /** A network with data directories under {@code root}, configured by the builder's methods. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** How a {@link NodeNetwork} is made; every setting has the default of {@link #NodeNetwork(Path)}. */
    public static final class Builder {
        private final Path root;
        private NetworkParams params = NetworkParams.REGTEST;
        private int ioThreads = 2;
        private boolean chainOnDisk;
        private LoopbackAddresses addresses = LoopbackAddresses.ephemeral();
        private BiFunction<String, Transport, Transport> transports = (id, tcp) -> tcp;
        private Consumer<FlintNode> beforeStart = node -> {};

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        public Builder params(NetworkParams value) {
            this.params = Objects.requireNonNull(value, "params");
            return this;
        }

        /** Netty I/O threads shared by every node's transport. */
        public Builder ioThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("I/O threads must be at least 1, not " + value);
            }
            this.ioThreads = value;
            return this;
        }

        /** Chains in RocksDB under each data directory, so a restarted node keeps its chain. */
        public Builder chainOnDisk() {
            this.chainOnDisk = true;
            return this;
        }

        /**
         * Fixed addresses: one random host of 127.0.0.0/8 and ports from {@code firstPort} up, one
         * per node id in the order ids are first named (started or listed in a config). A config
         * may then name nodes not started yet, and a crashed node keeps an address its peers dial.
         */
        public Builder onRandomLoopbackHost(RandomGenerator random, int firstPort) {
            this.addresses = LoopbackAddresses.fixed(LoopbackAddresses.randomLoopbackHost(random), firstPort);
            return this;
        }

        /** Wraps each node's TCP transport (given the node id), for example to time what it sends. */
        public Builder wrappingTransports(BiFunction<String, Transport, Transport> wrap) {
            this.transports = Objects.requireNonNull(wrap, "wrap");
            return this;
        }

        /** Runs on every node once it is built and before it starts, for example to subscribe to its events. */
        public Builder beforeStart(Consumer<FlintNode> hook) {
            this.beforeStart = Objects.requireNonNull(hook, "hook");
            return this;
        }

        public NodeNetwork build() {
            return new NodeNetwork(this);
        }
    }

    /** One node per entry of a config.json, in the config's order (roles, fanouts and NAT networks as given). */
    public static List<NodeSpec> specsOf(ClusterConfig config) {
        return config.peers().values().stream().map(NodeSpec::of).toList();
    }

    // ------------------------------------------------------------------ starting and stopping

    /** Starts the nodes in order, public ones first and NATed ones last; returns them in that order. */
    public List<FlintNode> startAll(Collection<NodeSpec> specs) {
        List<NodeSpec> ordered = new ArrayList<>(specs);
        // a NATed node must dial out to be reachable, so the public nodes must be up first
        ordered.sort(Comparator.comparing(NodeSpec::nat));
        List<FlintNode> out = new ArrayList<>();
        for (NodeSpec s : ordered) {
            out.add(start(s));
        }
        return out;
    }

    /**
     * Starts a new node, knowing the nodes its spec names (or every node started before it) as
     * config.json's other peers; returns once it runs (its HELLOs are on their way).
     *
     * @throws IllegalArgumentException when the id is taken (see {@link #restart}), or the spec
     *     names a node that has no address yet (ephemeral ports: one never started)
     */
    public FlintNode start(NodeSpec spec) {
        if (members.containsKey(spec.id())) {
            throw new IllegalArgumentException("node " + spec.id() + " is already in this network (restart it instead)");
        }
        return launch(spec);
    }

    /** Restarts a stopped or crashed node as it was specified. */
    public FlintNode restart(String id) {
        return restart(spec(id));
    }

    /**
     * Restarts a stopped or crashed node under a new spec (a changed config), with the same data
     * directory and at the same address.
     */
    public FlintNode restart(NodeSpec spec) {
        FlintNode before = node(spec.id());
        if (crashed.contains(spec.id())) {
            // what the OS does for a dead process: its files and threads are released (nothing is sent,
            // since its transport and loop are gone), so the store can be opened again
            before.stop();
        } else if (before.isRunning()) {
            throw new IllegalStateException("node " + spec.id() + " is running: stop or crash it before a restart");
        }
        return launch(spec);
    }

    private FlintNode launch(NodeSpec spec) {
        NodeSettings.Builder b = new NodeSettings.Builder();
        b.id = spec.id();
        b.network = params;
        b.dataDir = root.resolve(spec.id());
        b.inMemoryChain = inMemoryChain;
        b.advertised = addresses.listenOn(spec.id());
        b.p2pBind = addresses.host();
        b.apiPort = 0;
        b.fanout = spec.fanout();
        b.malicious = spec.malicious();
        b.nat = spec.nat();
        b.light = spec.light();
        b.localNetworkId = spec.localNetworkId();
        b.dynamic = spec.dynamic();
        b.txInterval = spec.txInterval();
        b.bootstrap = bootstrapOf(spec);
        b.scriptThreads = 1;
        FlintNode node = new FlintNode(b.build(), clock, new SecureRandom(),
                s -> transports.apply(s.id(), new TcpTransport(TcpConfig.DEFAULTS, clock, io)));
        beforeStart.accept(node);
        node.start();
        addresses.started(spec.id(), node.advertisedEndpoint());
        members.put(spec.id(), new Member(spec, node));
        crashed.remove(spec.id());
        return node;
    }

    /** The config.json peers of a node: the ids its spec names, or every node started before it. */
    private List<PeerSpec> bootstrapOf(NodeSpec spec) {
        List<String> ids = spec.bootstrap().orElseGet(() -> members().stream().map(m -> m.spec.id())
                .filter(id -> !id.equals(spec.id())).toList());
        return ids.stream().map(id -> peerSpec(spec.id(), id)).toList();
    }

    /** What node {@code knower} is told about node {@code id}: its address and, once started, its role. */
    private PeerSpec peerSpec(String knower, String id) {
        Endpoint at = addresses.address(id).orElseThrow(() -> new IllegalArgumentException("node " + knower
                + " is to know node " + id + ", which has no address yet: on ephemeral ports a node can know only"
                + " nodes started before it (or use Builder.onRandomLoopbackHost)"));
        Member m = members.get(id);
        NodeSpec s = m != null ? m.spec : NodeSpec.full(id);
        // the API is off (port 0), so the HTTP port a peer entry carries is moot
        return new PeerSpec(id, at.host(), at.port(), s.fanout(), s.malicious() ? "malicious" : "normal", s.nat(),
                s.light(), s.localNetworkId(), s.miner(), at.port());
    }

    /** Stops one node gracefully (GOODBYE, pool handed over, peers.json written); it stays listed as stopped. */
    public void stop(String id) {
        node(id).stop();
    }

    /**
     * Kills one node as {@code kill -9} kills a process: it stops mining, its sockets close and its
     * loop dies, with no GOODBYE, no pool handed over and no peers.json written. It stays listed as
     * crashed (out of {@link #live()}) until {@link #restart}.
     */
    public void crash(String id) {
        FlintNode n = node(id);
        crashed.add(id);
        n.miner().stop();
        n.transport().close();
        n.loop().shutdown(CRASH_GRACE);
    }

    /**
     * Stops every node (in parallel: each waits for its GOODBYEs to drain; a crashed one only
     * releases its store and threads), then the I/O threads.
     */
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

    private boolean isLive(Member m) {
        return m.node.isRunning() && !crashed.contains(m.spec.id());
    }

    /** The node with this id, whatever its state. */
    public FlintNode node(String id) {
        return member(id).node;
    }

    /** The spec node {@code id} was last started with. */
    public NodeSpec spec(String id) {
        return member(id).spec;
    }

    private Member member(String id) {
        Member m = members.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no node " + id + " in this network (have " + ids(members()) + ")");
        }
        return m;
    }

    private static List<String> ids(List<Member> of) {
        return of.stream().map(m -> m.spec.id()).toList();
    }

    /** Every node ever started, in start order, running, stopped or crashed. */
    public List<FlintNode> nodes() {
        return nodes(s -> true);
    }

    /** The nodes (any state) whose spec matches. */
    public List<FlintNode> nodes(Predicate<NodeSpec> which) {
        return members().stream().filter(m -> which.test(m.spec)).map(Member::node).toList();
    }

    /** The nodes that run: neither stopped nor crashed. */
    public List<FlintNode> live() {
        return members().stream().filter(this::isLive).map(Member::node).toList();
    }

    /** Ids of the {@link #live()} nodes. */
    public List<String> liveIds() {
        return ids(members().stream().filter(this::isLive).toList());
    }

    /** The live nodes that keep whole blocks and play fair: they must end on one best chain. */
    public List<FlintNode> honestFullNodes() {
        return members().stream().filter(m -> isLive(m) && m.spec.honestFull()).map(Member::node).toList();
    }

    /** The live light nodes. */
    public List<FlintNode> lightNodes() {
        return members().stream().filter(m -> isLive(m) && m.spec.light()).map(Member::node).toList();
    }

    public NetworkParams params() {
        return params;
    }

    /** The host every node listens on: 127.0.0.1, or the random one of {@link Builder#onRandomLoopbackHost}. */
    public String host() {
        return addresses.host();
    }

    /** The Netty I/O threads the nodes share (for more transports in the same run). */
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
        return payment(node(fromId), to, amount);
    }

    /** A payment from {@code from}'s wallet (confirmed, mature coins only), signed but not submitted. */
    public Transaction payment(FlintNode from, Address to, Amount amount) {
        return onLoop(from, () -> from.payFromWallet(to, amount).transaction());
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

    /**
     * Admits {@code tx} to the node's own pool only, without gossiping it: a transaction no other
     * node has seen (until the node announces its pool). False when the pool refuses it.
     */
    public boolean admitPrivately(FlintNode node, Transaction tx) {
        return onLoop(node, () -> node.mempool().accept(tx) instanceof AcceptOutcome.Accepted);
    }

    // ------------------------------------------------------------------ observing

    /** A fresh snapshot of the node's network state (peers, bans, counters), taken on its loop. */
    public NetworkSnapshot snapshot(FlintNode node) {
        return onLoop(node, () -> node.network().snapshot());
    }

    /** Every peer {@code node} lists, in its order, with its status (ALIVE, UNREACHABLE...). */
    public Map<String, String> peerStatus(FlintNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        snapshot(node).peers().forEach(p -> out.put(p.id(), p.status()));
        return out;
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

    /** True when every live node sees every other live node ALIVE. */
    public boolean meshed() {
        List<FlintNode> live = live();
        for (FlintNode n : live) {
            Set<String> alive = alivePeers(n);
            for (FlintNode other : live) {
                if (other != n && !alive.contains(other.settings().id())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits until {@link #meshed()}; fails naming every node's state if it takes longer than {@code timeout}. */
    public void awaitMeshed(Duration timeout) {
        awaitCondition(timeout, "every live node sees every other ALIVE", this::meshed);
    }

    /** Waits until every honest full live node has the same tip, and returns that tip. */
    public Hash awaitCommonTip(Duration timeout) {
        awaitCondition(timeout, "the honest full nodes on one tip", () -> agreeOnTip(honestFullNodes()));
        return tip(honestFullNodes().get(0));
    }

    /**
     * Polls {@code done} until it is true; after {@code timeout} throws an AssertionError naming
     * {@code what} with {@link #describe()}. An exception from {@code done} ends the wait at once.
     */
    public void awaitCondition(Duration timeout, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms\n" + describe());
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

    /** The height of the node's best chain: of blocks for a full node, of headers for a light one. */
    public long height(FlintNode node) {
        return onLoop(node, () -> node.settings().light() ? node.chain().bestHeader().height() : node.chain().height());
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

    /** Txids of every transaction in the full node's best chain. */
    public Set<Hash> confirmedTxids(FlintNode node) {
        return onLoop(node, () -> {
            Set<Hash> out = new HashSet<>();
            for (long h = 0; h <= node.chain().height(); h++) {
                node.chain().blockAt(h).ifPresent(b -> b.transactions().forEach(t -> out.add(t.txid())));
            }
            return out;
        });
    }

    /** Txids in the node's pool. */
    public Set<Hash> pool(FlintNode node) {
        return onLoop(node, () -> node.mempool().entries().stream().map(e -> e.txid()).collect(Collectors.toSet()));
    }

    /** True when the node's pool holds {@code txid}. */
    public boolean pooled(FlintNode node, Hash txid) {
        return onLoop(node, () -> node.mempool().contains(txid));
    }

    /** One line per node (role, state, chain, pool, peers and their status, bans, sync), for failure messages. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Member m : members()) {
            FlintNode n = m.node;
            out.append(String.format("  %-6s %-22s ", m.spec.id(), m.spec.role()));
            if (crashed.contains(m.spec.id()) || !n.isRunning()) {
                out.append(crashed.contains(m.spec.id()) ? "crashed\n" : "stopped\n");
                continue;
            }
            try {
                out.append(onLoop(n, () -> describe(n))).append('\n');
            } catch (RuntimeException e) {
                out.append("unreadable: ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    /** One node's line of {@link #describe()}; runs on its loop. */
    private static String describe(FlintNode n) {
        ChainState c = n.chain();
        NetworkSnapshot s = n.network().snapshot();
        String peers = s.peers().stream().map(p -> p.id() + "=" + p.status()).collect(Collectors.joining(","));
        return String.format("%s height %d tip %s header %d orphans %d missing %d pool %d | peers %s banned %s | %s",
                n.advertisedEndpoint(), c.height(), c.tip().hash().toString().substring(0, 12), c.bestHeader().height(),
                c.orphans().size(), c.missingBlocks(5).size(), n.mempool().size(), peers,
                s.blacklist().stream().map(BanSnapshot::peerId).toList(), s.sync());
    }
}
