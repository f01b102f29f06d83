package io.flint.sim;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainListener;
import io.flint.chain.ChainState;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.ProofOfWork;
import io.flint.core.Transaction;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolConfig;
import io.flint.mining.BlockTemplate;
import io.flint.mining.BlockTemplateFactory;
import io.flint.net.Frames;
import io.flint.net.memory.LinkConditions;
import io.flint.net.memory.MemoryNetwork;
import io.flint.net.memory.VirtualScheduler;
import io.flint.p2p.ChainStateAccess;
import io.flint.p2p.MempoolAccess;
import io.flint.p2p.NodeIdentity;
import io.flint.p2p.P2pConfig;
import io.flint.p2p.P2pEngine;
import io.flint.p2p.PeerRecord;
import io.flint.p2p.PoolAccess;
import io.flint.p2p.transport.Endpoint;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One run of an experiment: builds the nodes, drives virtual time and the scenario, and measures.
 * Everything happens on the calling thread; every random choice comes from generators split off
 * the seed in a fixed order, one per concern (topology, mining, payments, churn, link, each
 * engine), so adding payments does not change which miner finds the next block.
 *
 * <p>Each node is the real thing: a {@link ChainState} on an in-memory store, a {@link Mempool},
 * a {@link P2pEngine} on the memory network, ticked every 50 ms of virtual time as the node's
 * event loop ticks it. Only the miner is simulated: proof of work on the REGTEST network takes a
 * few hashes, so when the Poisson process says a miner finds a block, that miner builds it with
 * the real template factory on its own tip and pool, submits it and announces it; forks happen
 * when a block is found before the last one has spread.
 */
public final class Simulation {
    /** 30 days after genesis, so that block timestamps are in the past of no node. */
    static final Instant START = Instant.ofEpochSecond(NetworkParams.GENESIS_TIME).plus(Duration.ofDays(30));
    /** As {@code FlintNode} ticks its engine. */
    static final Duration TICK = Duration.ofMillis(50);
    static final NetworkParams PARAMS = NetworkParams.REGTEST;
    /** How often the progress callback hears of virtual time. */
    static final Duration PROGRESS_STEP = Duration.ofSeconds(10);

    private final SimulationConfig config;
    private final VirtualScheduler scheduler = new VirtualScheduler(START);
    private final Secp256k1 secp = Secp256k1Engines.best();
    private final SplittableRandom topology;
    private final SplittableRandom mining;
    private final SplittableRandom churnRandom;
    private final SplittableRandom paying;
    private final SplittableRandom engines;
    private final MemoryNetwork network;
    private final Payments payments;
    private final List<NodeSlot> slots = new ArrayList<>();
    private final List<NodeSlot> miners = new ArrayList<>();
    private final double[] cumulativeShares;
    private final Spread<Hash> blocks = new Spread<>();
    /** Who mined each block, in the order they were mined. */
    private final Map<Hash, NodeSlot> minedBy = new LinkedHashMap<>();
    private final Spread<Hash> txs = new Spread<>();
    private final Measures measures = new Measures();
    /** Set at the end of --duration: no more payments or churn. */
    private boolean scenarioOver;
    /** Set when the run ends (the nodes agree, or --settle ran out): no more blocks. */
    private boolean miningOver;
    private int extraNonce;

    /** Counts the run keeps besides the spreads. */
    private static final class Measures {
        long paymentsAttempted;
        long paymentsNoCoins;
        long paymentsRejected;
        int crashes;
        int leaves;
        int restarts;
        int freshStarts;
    }

    private Simulation(SimulationConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        this.topology = root.split();
        this.mining = root.split();
        this.paying = root.split();
        this.churnRandom = root.split();
        this.engines = root.split();
        this.network = new MemoryNetwork(scheduler, root.split(), Frames.DEFAULT_MAX_FRAME_BYTES,
                atLeast(MemoryNetwork.DEFAULT_CONNECT_TIMEOUT, twoRoundTrips(config)));
        network.setDefaultConditions(new LinkConditions(config.latency(), config.jitter(), config.loss()));
        buildSlots();
        this.cumulativeShares = cumulativeShares(config, miners.size());
        this.payments = new Payments(PARAMS, slots.stream().map(NodeSlot::key).toList(), secp, paying.split());
    }

    /**
     * Runs {@code config} to the end and reports.
     *
     * @param progress told the virtual time done every {@link #PROGRESS_STEP} (for a progress line)
     */
    public static SimulationReport run(SimulationConfig config, Consumer<Duration> progress) {
        return new Simulation(config).execute(progress);
    }

    // ---------------------------------------------------------------- building

    private void buildSlots() {
        int n = config.nodes();
        List<Integer> order = shuffled(n);
        List<Integer> minerIndices = order.subList(0, config.miners());
        List<Integer> lightIndices = order.subList(config.miners(), config.miners() + config.lightNodes());
        // light nodes go behind NAT first, as a wallet at home would: the nodes left reachable are
        // then full nodes where there are any. Chosen at random, a light node could be the only
        // reachable one, and full nodes got no blocks from each other through it
        List<Integer> natOrder = shuffled(n);
        natOrder.sort(Comparator.comparing(i -> !lightIndices.contains(i)));
        List<Integer> natIndices = natOrder.subList(0, config.natNodes());
        int width = String.valueOf(n).length();
        for (int i = 0; i < n; i++) {
            String id = String.format("n%0" + width + "d", i + 1);
            Endpoint endpoint = new Endpoint("10.0." + (i / 250) + "." + (i % 250 + 1), PARAMS.defaultP2pPort());
            NodeIdentity identity = NodeIdentity.of(id, endpoint);
            if (lightIndices.contains(i)) {
                identity = identity.withLight(true);
            }
            if (natIndices.contains(i)) {
                identity = identity.withNat(true, "home-" + id);
                network.setNat(endpoint, "home-" + id);
            }
            slots.add(new NodeSlot(i, identity, walletKey(), minerIndices.contains(i)));
        }
        for (int i : minerIndices.stream().sorted().toList()) {
            miners.add(slots.get(i));
        }
        // each node is configured with K random peers that can be dialled (not behind NAT)
        List<NodeSlot> reachable = slots.stream().filter(s -> !s.nat()).toList();
        for (NodeSlot slot : slots) {
            List<NodeSlot> others = new ArrayList<>(reachable);
            others.remove(slot);
            shuffle(others, topology);
            slot.bootstrap(others.subList(0, config.bootstrapPeers(slot.nat())).stream()
                    .map(o -> new PeerRecord(o.id(), o.identity().listen(), o.identity().flags(false), true))
                    .toList());
        }
    }

    private PrivateKey walletKey() {
        byte[] secret = new byte[32];
        do {
            topology.nextBytes(secret);
            secret[0] &= 0x7f; // below the curve order; the loop only guards against zero
        } while (isZero(secret));
        return PrivateKey.of(secret, true);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private List<Integer> shuffled(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        shuffle(list, topology);
        return list;
    }

    /** Fisher-Yates with our generator ({@link Collections#shuffle} wants a {@code java.util.Random}). */
    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    private static double[] cumulativeShares(SimulationConfig config, int miners) {
        double[] shares = new double[miners];
        double total = 0;
        for (int i = 0; i < miners; i++) {
            total += config.hashShares().isEmpty() ? 1.0 : config.hashShares().get(i);
            shares[i] = total;
        }
        for (int i = 0; i < miners; i++) {
            shares[i] /= total;
        }
        return shares;
    }

    /**
     * Twice the slowest round trip a link can take: there and back at the latency plus the whole
     * jitter. The nodes' timers are those of a real node on the internet (a dial or a request
     * given 5 s, a peer silent for 15 s unreachable); on links slower than that no handshake ever
     * completed, and a run measured each miner mining alone. A real node on such links would be
     * given longer timers, so the simulated ones wait at least this long.
     */
    private static Duration twoRoundTrips(SimulationConfig config) {
        return config.latency().plus(config.jitter()).multipliedBy(4);
    }

    private P2pConfig timedForTheLinks(P2pConfig p2p) {
        Duration wait = twoRoundTrips(config);
        return p2p.toBuilder().requestTimeout(atLeast(p2p.requestTimeout(), wait))
                .peerTimeout(atLeast(p2p.peerTimeout(), wait))
                .noAnswerWarning(atLeast(p2p.noAnswerWarning(), wait)).build();
    }

    private static Duration atLeast(Duration value, Duration floor) {
        return value.compareTo(floor) < 0 ? floor : value;
    }

    /** Starts a run of {@code slot}'s node: its stored chain reopened, a fresh pool and engine. */
    private SimulatedNode start(NodeSlot slot) {
        ChainState chain = ChainState.open(slot.store(), PARAMS, scheduler.clock(), Runnable::run, secp);
        Mempool pool = new Mempool(chain, MempoolConfig.DEFAULTS, scheduler.clock(), secp);
        chain.addListener(pool);
        CountingTransport transport = new CountingTransport(network.newTransport());
        P2pConfig p2p = timedForTheLinks(P2pConfig.defaults(slot.identity(), slot.bootstrap()).withFanout(config.fanout()));
        boolean light = slot.identity().light();
        P2pEngine engine = new P2pEngine(p2p, transport, new ChainStateAccess(chain, light),
                light ? PoolAccess.NONE : new MempoolAccess(pool), scheduler.clock(), engines.split());
        SimulatedNode node = new SimulatedNode(slot, slot.runs.size() + 1, chain, pool, engine, transport,
                new BlockTemplateFactory(chain, pool, scheduler.clock()), nowNanos());
        slot.runs.add(node);
        observe(node);
        transport.start(slot.identity().listen(), engine);
        engine.start();
        // nodes do not tick in lockstep: each gets its own phase within the tick
        scheduleTick(node, Duration.ofNanos(1 + topology.nextLong(TICK.toNanos())));
        return node;
    }

    private void observe(SimulatedNode node) {
        node.chain.addListener(new ChainListener() {
            @Override
            public void blockConnected(Block block, long height) {
                long now = nowNanos();
                for (Transaction tx : block.transactions()) {
                    txs.seen(tx.txid(), node, now);
                }
            }

            @Override
            public void blockProcessed(BlockOutcome outcome, Duration took) {
                // a block has reached a node when the node has checked and stored it, on its best
                // chain or not: the losing side of a tie reached it as much as the winning side
                if (outcome.isStored()) {
                    blocks.seen(outcome.hash(), node, nowNanos());
                }
                if (outcome instanceof BlockOutcome.Reorganized r) {
                    node.reorgs++;
                    node.maxReorgDepth = Math.max(node.maxReorgDepth, r.disconnected().size());
                }
            }
        });
        node.pool.addOutcomeListener(outcome -> {
            if (outcome instanceof AcceptOutcome.Accepted a) {
                long now = nowNanos();
                txs.seen(a.txid(), node, now);
                a.promotedOrphans().forEach(id -> txs.seen(id, node, now));
            }
        });
    }

    private void scheduleTick(SimulatedNode node, Duration delay) {
        scheduler.schedule(delay, () -> {
            if (node.ticking()) {
                node.engine.onTick();
                scheduleTick(node, TICK);
            }
        });
    }

    private long nowNanos() {
        return Duration.between(START, scheduler.now()).toNanos();
    }

    // ---------------------------------------------------------------- the run

    private SimulationReport execute(Consumer<Duration> progress) {
        for (NodeSlot slot : slots) {
            start(slot);
        }
        scheduleNextBlock();
        if (config.txRate() > 0) {
            scheduleNextPayment();
        }
        config.partition().ifPresent(this::schedulePartition);
        config.churnInterval().ifPresent(this::scheduleNextChurn);
        Instant end = START.plus(config.duration());
        runUntil(end, PROGRESS_STEP, progress, () -> false);
        scenarioOver = true;
        // mining goes on while the network settles: a tie between two branches of equal work only
        // ends with the next block, as on a real network
        runUntil(end.plus(config.settle()), Duration.ofSeconds(1), progress, this::agree);
        miningOver = true;
        long settleNanos = Duration.between(end, scheduler.now()).toNanos();
        return new ReportBuilder(config, slots, blocks, minedBy, txs).build(
                new ReportBuilder.PaymentCounts(measures.paymentsAttempted, measures.paymentsNoCoins,
                        measures.paymentsRejected),
                new SimulationReport.Churn(measures.crashes, measures.leaves, measures.restarts,
                        measures.freshStarts),
                network.framesLost(), settleNanos);
    }

    /** Runs in {@code step}s until {@code deadline} or until {@code done} holds after a step. */
    private void runUntil(Instant deadline, Duration step, Consumer<Duration> progress, BooleanSupplier done) {
        Instant lastReport = scheduler.now();
        while (scheduler.now().isBefore(deadline) && !done.getAsBoolean()) {
            Instant next = scheduler.now().plus(step);
            scheduler.runUntil(next.isAfter(deadline) ? deadline : next);
            if (!scheduler.now().isBefore(lastReport.plus(PROGRESS_STEP))) {
                progress.accept(Duration.between(START, scheduler.now()));
                lastReport = scheduler.now();
            }
        }
    }

    /** Whether every running node has the same tip. */
    private boolean agree() {
        List<SimulatedNode> running = runningNodes();
        return running.stream().map(SimulatedNode::tip).distinct().count() <= 1;
    }

    private Duration exponential(SplittableRandom random, Duration mean) {
        // inverse transform; 1 - u is in (0, 1], so the log is finite
        double u = random.nextDouble();
        return Duration.ofNanos(Math.round(-Math.log(1 - u) * mean.toNanos()));
    }

    private void scheduleNextBlock() {
        scheduler.schedule(exponential(mining, config.blockInterval()), () -> {
            if (miningOver) {
                return;
            }
            double u = mining.nextDouble();
            int m = 0;
            while (m < cumulativeShares.length - 1 && u >= cumulativeShares[m]) {
                m++;
            }
            SimulatedNode miner = miners.get(m).current();
            if (miner.running()) {
                mine(miner);
            }
            scheduleNextBlock();
        });
    }

    /** The miner's block on its own tip and pool, built by the real template factory; the nonce takes a few hashes. */
    private void mine(SimulatedNode node) {
        BlockTemplate template = node.templates.create(
                StandardScripts.p2pkhForKey(node.slot.key().publicKey(secp).bytes()),
                ByteBuffer.allocate(4).putInt(extraNonce++).array());
        Block block = solve(template);
        blocks.origin(block.hash(), nowNanos());
        minedBy.put(block.hash(), node.slot);
        BlockOutcome outcome = node.chain.submitBlock(block);
        if (!(outcome instanceof BlockOutcome.Connected)) {
            throw new IllegalStateException("node " + node + " did not connect its own block: " + outcome);
        }
        node.engine.announceBlock(block);
    }

    private static Block solve(BlockTemplate template) {
        for (long nonce = 0; ; nonce++) {
            Block b = template.block(nonce);
            if (ProofOfWork.check(b.header(), PARAMS.powLimit())) {
                return b;
            }
        }
    }

    private void scheduleNextPayment() {
        scheduler.schedule(exponential(paying, Duration.ofNanos(Math.round(1e9 / config.txRate()))), () -> {
            if (scenarioOver) {
                return;
            }
            pay();
            scheduleNextPayment();
        });
    }

    private void pay() {
        List<SimulatedNode> running = runningNodes().stream().filter(n -> !n.light()).toList();
        if (running.isEmpty()) {
            return;
        }
        measures.paymentsAttempted++;
        SimulatedNode node = running.get(paying.nextInt(running.size()));
        Optional<Transaction> payment = payments.next(node);
        if (payment.isEmpty()) {
            measures.paymentsNoCoins++;
            return;
        }
        Transaction tx = payment.get();
        txs.origin(tx.txid(), nowNanos());
        AcceptOutcome outcome = node.pool.acceptFromUser(tx);
        if (outcome instanceof AcceptOutcome.Accepted) {
            node.engine.broadcastTransaction(tx);
        } else {
            txs.forget(tx.txid());
            measures.paymentsRejected++;
        }
    }

    private void schedulePartition(PartitionWindow window) {
        int half = slots.size() / 2;
        List<Endpoint> sideA = slots.subList(0, half).stream().map(s -> s.identity().listen()).toList();
        List<Endpoint> sideB = slots.subList(half, slots.size()).stream().map(s -> s.identity().listen()).toList();
        scheduler.schedule(window.start(), () -> network.partition(sideA, sideB));
        scheduler.schedule(window.end(), network::healPartitions);
    }

    private void scheduleNextChurn(Duration mean) {
        scheduler.schedule(exponential(churnRandom, mean), () -> {
            if (scenarioOver) {
                return;
            }
            List<SimulatedNode> candidates = runningNodes().stream().filter(n -> !n.slot.miner()).toList();
            if (!candidates.isEmpty()) {
                SimulatedNode node = candidates.get(churnRandom.nextInt(candidates.size()));
                if (churnRandom.nextBoolean()) {
                    crash(node);
                } else {
                    leave(node);
                }
                scheduler.schedule(exponential(churnRandom, config.churnDowntime()), () -> restart(node.slot));
            }
            scheduleNextChurn(mean);
        });
    }

    /** The process dies: connections reset, nothing more heard or sent; its stored chain stays. */
    private void crash(SimulatedNode node) {
        measures.crashes++;
        node.state = SimulatedNode.State.STOPPED;
        network.setDown(node.slot.identity().listen(), true);
        node.transport.close();
    }

    /** A graceful leave: GOODBYE and the pool handed over while the engine keeps ticking, then the transport closes. */
    private void leave(SimulatedNode node) {
        measures.leaves++;
        node.state = SimulatedNode.State.LEAVING;
        CompletableFuture<Void> done = node.engine.leave("normal_shutdown");
        long deadline = nowNanos() + Duration.ofSeconds(30).toNanos();
        awaitLeave(node, done, deadline);
    }

    private void awaitLeave(SimulatedNode node, CompletableFuture<Void> done, long deadline) {
        scheduler.schedule(TICK, () -> {
            if (done.isDone() || nowNanos() >= deadline) {
                node.state = SimulatedNode.State.STOPPED;
                node.transport.close();
            } else {
                awaitLeave(node, done, deadline);
            }
        });
    }

    private void restart(NodeSlot slot) {
        SimulatedNode last = slot.current();
        if (last.state != SimulatedNode.State.STOPPED) {
            // still finishing its leave: try again a little later
            scheduler.schedule(Duration.ofSeconds(1), () -> restart(slot));
            return;
        }
        measures.restarts++;
        if (churnRandom.nextBoolean()) {
            // half the comebacks are new nodes in the old one's place: no chain, a sync from genesis
            measures.freshStarts++;
            slot.wipeStore();
        }
        network.setDown(slot.identity().listen(), false);
        start(slot);
    }

    private List<SimulatedNode> runningNodes() {
        List<SimulatedNode> out = new ArrayList<>();
        for (NodeSlot slot : slots) {
            SimulatedNode node = slot.current();
            if (node != null && node.running()) {
                out.add(node);
            }
        }
        return out;
    }
}
