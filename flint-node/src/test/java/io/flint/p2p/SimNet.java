package io.flint.p2p;

import io.flint.chain.ChainState;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.NetworkParams;
import io.flint.core.ProofOfWork;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolConfig;
import io.flint.mining.BlockTemplate;
import io.flint.mining.BlockTemplateFactory;
import io.flint.net.memory.LinkConditions;
import io.flint.net.memory.MemoryNetwork;
import io.flint.net.memory.MemoryTransport;
import io.flint.net.memory.VirtualScheduler;
import io.flint.p2p.transport.Endpoint;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A deterministic network of real nodes for engine tests: the memory network and virtual time
 * from {@code io.flint.net.memory}, a real {@link ChainState} and {@link Mempool} per node
 * (REGTEST, so a block is mined in a few hashes), and each engine ticked every 50 ms of virtual
 * time. The test thread is every node's event loop. One seed gives one history.
 */
final class SimNet {
    /** 30 days after genesis, so block timestamps stay in the past. */
    static final Instant START = Instant.ofEpochSecond(NetworkParams.GENESIS_TIME).plus(Duration.ofDays(30));
    static final Duration TICK = Duration.ofMillis(50);
    static final NetworkParams PARAMS = NetworkParams.REGTEST;

    final VirtualScheduler scheduler = new VirtualScheduler(START);
    final MemoryNetwork network;
    final Map<String, SimNode> nodes = new LinkedHashMap<>();
    /**
     * Nodes started so far per id: a node restarted under its id draws other random numbers (so
     * other message ids), as a new process does, while the first start stays as it always was.
     */
    private final Map<String, Integer> incarnations = new HashMap<>();
    final List<String> trace = new ArrayList<>();
    private final long seed;
    private final Secp256k1 engine = Secp256k1Engines.best();
    private int extraNonce;
    private int keys = 10;

    SimNet(long seed) {
        this.seed = seed;
        this.network = new MemoryNetwork(scheduler, new SplittableRandom(seed));
        network.setDefaultConditions(LinkConditions.PERFECT.withLatency(Duration.ofMillis(10)));
    }

    static Endpoint endpointOf(String id) {
        return new Endpoint("10.0.0." + (Integer.parseInt(id) % 250 + 1), Integer.parseInt(id));
    }

    static NodeIdentity identity(String id) {
        return NodeIdentity.of(id, endpointOf(id));
    }

    static PeerRecord bootstrap(NodeIdentity id) {
        return new PeerRecord(id.id(), id.listen(), id.flags(false), true);
    }

    /** Records for every identity but {@code self}. */
    static List<PeerRecord> bootstrapFor(String self, Collection<NodeIdentity> all) {
        return all.stream().filter(i -> !i.id().equals(self)).map(SimNet::bootstrap).toList();
    }

    SimNode add(P2pConfig config) {
        return add(config, null);
    }

    /** Identities {@code first}, {@code first + 1}, ... as ids, plain full nodes. */
    static List<NodeIdentity> ids(int first, int count) {
        List<NodeIdentity> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(identity(String.valueOf(first + i)));
        }
        return out;
    }

    /** Starts one node per identity, each with all the others as bootstrap peers. */
    List<SimNode> mesh(List<NodeIdentity> ids, UnaryOperator<P2pConfig> tweak) {
        return mesh(ids, tweak, null);
    }

    /** As {@link #mesh(List, UnaryOperator)}, every node pre-loaded with {@code blocks}. */
    List<SimNode> mesh(List<NodeIdentity> ids, UnaryOperator<P2pConfig> tweak, List<Block> blocks) {
        List<SimNode> out = new ArrayList<>();
        for (NodeIdentity id : ids) {
            out.add(add(config(id, bootstrapFor(id.id(), ids), tweak), blocks));
        }
        return out;
    }

    /** Node {@code first} alone, then node {@code second} that knows only the first. */
    List<SimNode> pairWhereSecondKnowsFirst(NodeIdentity first, NodeIdentity second) {
        SimNode a = add(config(first, List.of(), c -> c));
        SimNode b = add(config(second, List.of(bootstrap(first)), c -> c));
        return List.of(a, b);
    }

    /** Starts a node with {@code config}; {@code chainFrom} (optional) pre-loads its chain with those blocks. */
    SimNode add(P2pConfig config, List<Block> chainFrom) {
        return add(config, chainFrom, PARAMS);
    }

    /** As {@link #add(P2pConfig, List)} on another network (another genesis). */
    /** Starts a node that first imports a saved peer table (peers.json). */
    SimNode addWithPeers(P2pConfig config, List<PeerRecord> saved) {
        return add(config, null, PARAMS, saved);
    }

    SimNode add(P2pConfig config, List<Block> chainFrom, NetworkParams params) {
        return add(config, chainFrom, params, List.of());
    }

    private SimNode add(P2pConfig config, List<Block> chainFrom, NetworkParams params, List<PeerRecord> saved) {
        NodeIdentity id = config.identity();
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        ChainState chain = ChainState.open(store, params, scheduler.clock(), Runnable::run, engine);
        Mempool pool = new Mempool(chain, MempoolConfig.DEFAULTS, scheduler.clock(), engine);
        chain.addListener(pool);
        if (chainFrom != null) {
            chainFrom.forEach(chain::submitBlock);
        }
        MemoryTransport transport = network.newTransport();
        if (id.nat()) {
            network.setNat(id.listen(), id.localNetworkId());
        } else if (!id.localNetworkId().isEmpty()) {
            network.setLocalNetwork(id.listen(), id.localNetworkId());
        }
        P2pEngine p2p = new P2pEngine(config, transport, new ChainStateAccess(chain, id.light()),
                id.light() ? PoolAccess.NONE : new MempoolAccess(pool), scheduler.clock(),
                new SplittableRandom(seed * 31 + Integer.parseInt(id.id())
                        + 1_000_003L * incarnations.merge(id.id(), 1, Integer::sum) - 1_000_003L));
        SimNode node = new SimNode(id.id(), id.listen(), chain, store, pool, p2p, transport,
                new BlockTemplateFactory(chain, pool, scheduler.clock()), TestChainBuilder.key(keys++));
        p2p.addListener(e -> {
            node.events.add(e);
            trace.add(id.id() + " " + e);
        });
        nodes.put(id.id(), node);
        transport.start(id.listen(), node.listener);
        p2p.importPeers(saved);
        p2p.start();
        scheduleTick(node);
        return node;
    }

    private void scheduleTick(SimNode node) {
        scheduler.schedule(TICK, () -> {
            if (node.running && nodes.get(node.id) == node) {
                if (!node.paused) {
                    node.engine.onTick();
                }
                scheduleTick(node);
            }
        });
    }

    SimNode node(String id) {
        return nodes.get(id);
    }

    List<SimNode> running() {
        return nodes.values().stream().filter(n -> n.running).toList();
    }

    void runFor(Duration d) {
        scheduler.runFor(d);
    }

    /** Runs until {@code done} holds (checked every 100 ms of virtual time) or {@code max} passes. */
    boolean runUntil(BooleanSupplier done, Duration max) {
        Instant deadline = scheduler.now().plus(max);
        while (!done.getAsBoolean()) {
            if (!scheduler.now().isBefore(deadline)) {
                return false;
            }
            scheduler.runFor(Duration.ofMillis(100));
        }
        return true;
    }

    /** Mines a block on {@code node}'s tip from its pool with the real template factory, submits and announces it. */
    Block mine(SimNode node) {
        Block block = solve(node.templates.create(TestChainBuilder.p2pkh(node.key),
                ByteBuffer.allocate(4).putInt(extraNonce++).array()));
        Object outcome = node.chain.submitBlock(block);
        if (!(outcome instanceof io.flint.chain.BlockOutcome.Connected)) {
            throw new AssertionError("own block not connected: " + outcome);
        }
        node.engine.announceBlock(block);
        return block;
    }

    static Block solve(BlockTemplate template) {
        for (long nonce = 0; ; nonce++) {
            Block b = template.block(nonce);
            BlockHeader h = b.header();
            if (ProofOfWork.check(h, PARAMS.powLimit())) {
                return b;
            }
        }
    }

    /** Crashes a node: its connections reset, it hears and sends nothing more. */
    void crash(SimNode node) {
        node.running = false;
        network.setDown(node.endpoint, true);
        node.transport.close();
    }

    /**
     * Stops {@code node} for {@code d}, as SIGSTOP or a long GC pause would: it neither ticks nor
     * reads what comes meanwhile. Then it goes on as a node's loop does: its overdue tick first,
     * then what was sent to it during the pause.
     */
    void pause(SimNode node, Duration d) {
        node.paused = true;
        node.listener.pause();
        scheduler.schedule(d, () -> {
            node.paused = false;
            node.engine.onTick();
            node.listener.resume();
        });
    }

    /** Gracefully stops a node: leave(), ticking until the engine says it is done, then close. */
    void leave(SimNode node) {
        var done = node.engine.leave("normal_shutdown");
        runUntil(done::isDone, Duration.ofSeconds(30));
        node.running = false;
        node.transport.close();
    }

    /** Brings a crashed endpoint back so a fresh node can start there. */
    void revive(String id) {
        network.setDown(endpointOf(id), false);
        nodes.remove(id);
    }

    static P2pConfig config(NodeIdentity id, List<PeerRecord> bootstrap, UnaryOperator<P2pConfig> tweak) {
        return tweak.apply(P2pConfig.defaults(id, bootstrap));
    }
}
