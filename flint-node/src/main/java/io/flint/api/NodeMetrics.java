package io.flint.api;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainListener;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.PoolRemoval;
import io.flint.mempool.RemovalReason;
import io.flint.net.tcp.TcpStats;
import io.flint.net.tcp.TcpTransport;
import io.flint.node.FlintNode;
import io.flint.p2p.BlockPath;
import io.flint.p2p.P2pEvent;
import io.flint.p2p.RecentMap;
import io.flint.p2p.snapshot.NetworkSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The node's Prometheus metrics (names as Prometheus shows them; docs/api.md lists them all).
 *
 * <p>Most are read when scraped from what the node already keeps: the chain tip, the pool, the
 * miner's hash rate and the protocol engine's published snapshot (peers, traffic counters, outbox
 * drops). What no snapshot holds is counted as it happens, from listeners: the chain's
 * {@link ChainListener#blockProcessed} (block outcomes by reject code, validation time), the
 * pool's outcome and removal listeners (transaction outcomes by reject code, drops by reason) and the engine's
 * {@link P2pEvent.RttMeasured} (the round-trip-time histogram).
 */
public final class NodeMetrics implements AutoCloseable {
    /** Bucket bounds of the block validation histogram: a regtest block takes well under a millisecond, a full one seconds. */
    private static final Duration[] VALIDATION_BUCKETS = millis(0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000,
            2500, 5000);
    /** A bare loopback round trip is a tenth of a millisecond, a continent away a few hundred milliseconds. */
    private static final Duration[] RTT_BUCKETS = millis(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000);

    /** Far more than any side branch or reorganisation a node sees between two scrapes. */
    private static final int COUNTED_OFF_CHAIN = 10_000;
    private static final String BLOCKS_ACCEPTED = "Valid blocks stored: connected, by reorganisation, or on a side branch";
    private static final String BLOCKS_REJECTED = "Blocks refused, by reject code";
    private static final String BLOCKS_ORPHANED = "Blocks kept aside until their parent arrives";
    private static final String REORGS = "Reorganisations: the best chain switched to another branch";
    private static final String PEER_UNREACHABLE = "Times a peer was reported unreachable (silent past the ping timeout)";
    private static final String BLOCKS_DUPLICATE = "Blocks the chain already had";
    private static final String TXS_ACCEPTED = "Transactions admitted to the pool";
    private static final String TXS_REJECTED = "Transactions refused by the pool, by reject code";
    private static final String TXS_DUPLICATE = "Transactions offered again while pooled";
    private static final String TXS_ORPHANED = "Transactions spending outputs not known yet (kept aside)";
    private static final String TXS_REMOVED = "Transactions the pool dropped without a block confirming them, by reason";

    private final FlintNode node;
    private final MeterRegistry registry;
    private final Timer validation;
    private final Timer rtt;
    private final DistributionSummary reorgDepth;
    /**
     * Blocks counted already that a reorganisation may connect later: those that arrived on a side
     * branch and those a reorganisation took off the best chain. Each stored block is counted
     * once: a branch that wins counted its blocks twice (side_branch, then reorganized).
     */
    private final RecentMap<Hash, Boolean> countedOffChain = new RecentMap<>(COUNTED_OFF_CHAIN);
    private final ChainListener chainListener = new ChainListener() {
        @Override
        public void blockProcessed(BlockOutcome outcome, Duration took) {
            onBlock(outcome, took);
        }
    };
    private final Consumer<AcceptOutcome> poolListener = this::onTransaction;
    private final Consumer<PoolRemoval> removalListener = this::onRemoval;
    /** The snapshot counters registered so far (Micrometer warns about registering one twice). */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Registers the node's meters in {@code registry} and starts listening; {@link #close()} stops. */
    public NodeMetrics(FlintNode node, MeterRegistry registry) {
        this.node = node;
        this.registry = registry;
        this.validation = Timer.builder("flint.block.validation")
                .description("Time to check (and connect) a block the chain was given")
                .serviceLevelObjectives(VALIDATION_BUCKETS)
                .register(registry);
        this.reorgDepth = DistributionSummary.builder("flint.reorg.depth").baseUnit("blocks")
                .description("Blocks each reorganisation took off the best chain")
                .serviceLevelObjectives(1, 2, 3, 5, 10, 20, 50, 100).register(registry);
        this.rtt = Timer.builder("flint.peer.rtt")
                .description("Round-trip time of PING/PONG with peers")
                .serviceLevelObjectives(RTT_BUCKETS)
                .register(registry);
        registerGauges();
        registerCounters();
        refresh();
        node.chain().addListener(chainListener);
        node.mempool().addOutcomeListener(poolListener);
        node.mempool().addRemovalListener(removalListener);
        // the engine's listeners belong to its event loop; no waiting for it (it may be busy syncing)
        node.loop().execute(() -> node.network().addListener(event -> {
            if (closed) {
                return;
            }
            if (event instanceof P2pEvent.RttMeasured m) {
                rtt.record(Duration.ofNanos(Math.round(m.rttMs() * 1_000_000)));
            } else if (event instanceof P2pEvent.PeerUnreachable) {
                // the gauge by status misses a flap shorter than a scrape; a counter keeps every one
                counter("flint.peer.unreachable", PEER_UNREACHABLE).increment();
            }
        }));
    }

    private void registerGauges() {
        FlintNode n = node;
        // a light node's chain is its headers (its block tip stays at genesis): one name for every
        // node's height, so a query of the spread across a cluster does not read light nodes as 0
        gauge("flint.chain.height", "Height of the best chain's tip (a light node: of its best header)",
                () -> n.settings().light() ? n.chain().bestHeader().height() : n.chain().height());
        gauge("flint.reorg.deepest.blocks", "Blocks the deepest reorganisation since start took off the best chain",
                () -> n.reorgs().deepest());
        gauge("flint.chain.best.header.height", "Height of the best header chain (ahead of the tip while syncing)",
                () -> n.chain().bestHeader().height());
        gauge("flint.chain.difficulty.bits", "Difficulty of the tip as leading zero bits of its target",
                () -> n.chain().tip().difficultyBits());
        gauge("flint.chain.orphans", "Blocks waiting for their parent", () -> n.chain().orphans().size());
        gauge("flint.mempool.transactions", "Transactions in the pool", () -> n.mempool().size());
        Gauge.builder("flint.mempool", n, x -> x.mempool().bytes()).baseUnit("bytes")
                .description("Serialized size of the pooled transactions").register(registry);
        gauge("flint.hash.rate", "Hashes per second of this node's miner (0 when not mining)", () -> n.miner().hashRate());
        gauge("flint.mining", "1 while the node mines continuously", () -> n.miner().isMining() ? 1 : 0);
        for (String status : new String[] {"ALIVE", "UNREACHABLE"}) {
            Gauge.builder("flint.peers", n, x -> x.network().published().peers().stream()
                            .filter(p -> status.equals(p.status())).count())
                    .tag("status", status).description("Known peers by status").register(registry);
        }
        gauge("flint.peers.banned", "Peers on the blacklist", () -> n.network().published().blacklist().size());
        gauge("flint.outbox.queued", "Messages waiting in the outbox", () -> n.network().published().queue().total());
        gauge("flint.sync.best.known.height", "Highest tip a peer has shown",
                () -> n.network().published().sync().bestKnownHeight());
        FunctionCounter.builder("flint.outbox.retries", n, x -> x.network().published().queue().retries())
                .description("Sends retried after the transport failed them").register(registry);
        gauge("flint.loop.frames.queued", "Received frames waiting for the event loop",
                () -> n.framesToLoop().queuedFrames());
        FunctionCounter.builder("flint.loop.read.pauses", n, x -> x.framesToLoop().pauses())
                .description("Times reading from peers paused because the event loop was behind").register(registry);
        if (n.transport() instanceof TcpTransport tcp) {
            registerConnectionLimits(tcp);
        }
    }

    /** What the TCP transport's connection limits refused and closed. */
    private void registerConnectionLimits(TcpTransport tcp) {
        gauge("flint.connections.inbound", "Inbound TCP connections open", () -> tcp.stats().inbound());
        gauge("flint.connections.outbound", "Outbound TCP connections open", () -> tcp.stats().outbound());
        Map<String, ToLongFunction<TcpStats>> refused = Map.of(
                "inbound_limit", TcpStats::refusedInboundLimit, "host_limit", TcpStats::refusedHostLimit);
        refused.forEach((cause, read) -> FunctionCounter.builder("flint.connections.refused", tcp,
                        t -> read.applyAsLong(t.stats()))
                .tag("cause", cause).description("Inbound connections closed at accept, by limit").register(registry));
        Map<String, ToLongFunction<TcpStats>> closed = Map.of(
                "no_first_frame", TcpStats::closedNoFirstFrame, "stalled_frame", TcpStats::closedStalledFrame,
                "over_budget", TcpStats::closedOverBudget, "evicted", TcpStats::evictedInbound);
        closed.forEach((cause, read) -> FunctionCounter.builder("flint.connections.closed", tcp,
                        t -> read.applyAsLong(t.stats()))
                .tag("cause", cause).description("Connections closed by a connection limit, by limit").register(registry));
        Gauge.builder("flint.connections.incomplete.frames", tcp, t -> t.stats().incompleteFrameBytes()).baseUnit("bytes")
                .description("Bytes of incomplete frames held across connections").register(registry);
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /**
     * Registers the counters whose labels come from the engine's snapshot (message types, drop
     * causes, offence kinds seen so far). Idempotent; called before each scrape.
     */
    public void refresh() {
        NetworkSnapshot s = node.network().published();
        perKey(s.counters().received(), "flint.messages.received", "type", "Messages received from peers, by type",
                x -> x.counters().received());
        perKey(s.counters().sent(), "flint.messages.sent", "type", "Messages sent to peers, by type",
                x -> x.counters().sent());
        perKey(s.counters().redundant(), "flint.redundant.messages", "type",
                "Messages received again (same message id), by type", x -> x.counters().redundant());
        perKey(s.counters().dropped(), "flint.messages.dropped", "cause", "Incoming messages dropped, by cause",
                x -> x.counters().dropped());
        perKey(s.counters().offences(), "flint.offences", "kind", "Offences by peers, by kind",
                x -> x.counters().offences());
        perKey(s.queue().dropped(), "flint.outbox.dropped", "cause", "Outgoing messages dropped, by cause",
                x -> x.queue().dropped());
        snapshotCounter("flint.blocks.received", "BLOCK messages received from peers", "BLOCK");
        // transactions travel alone (TX) or in batches: announced ones fetched, a leaving peer's pool
        snapshotCounter("flint.transactions.received", "Messages from peers carrying transactions (TX, MEMPOOL_DATA, "
                + "MEMPOOL_TRANSFER)", "TX", "MEMPOOL_DATA", "MEMPOOL_TRANSFER");
    }

    private void perKey(Map<String, Long> now, String name, String tag, String description,
            Function<NetworkSnapshot, Map<String, Long>> read) {
        for (String key : now.keySet()) {
            if (!registered.add(name + "{" + key + "}")) {
                continue;
            }
            FunctionCounter.builder(name, node, x -> read.apply(x.network().published()).getOrDefault(key, 0L))
                    .tag(tag, key).description(description).register(registry);
        }
    }

    /** A counter of the messages of {@code types} received, summed. */
    private void snapshotCounter(String name, String description, String... types) {
        if (!registered.add(name)) {
            return;
        }
        FunctionCounter.builder(name, node, x -> {
            Map<String, Long> received = x.network().published().counters().received();
            long sum = 0;
            for (String type : types) {
                sum += received.getOrDefault(type, 0L);
            }
            return sum;
        }).description(description).register(registry);
    }

    private void onBlock(BlockOutcome outcome, Duration took) {
        if (closed) {
            return;
        }
        // counted per block that joined the best chain (a block that arrives after its children
        // connects them all at once), and a block stored ahead of a missing parent not at all
        // until then: during a sync, counted at arrival, most blocks looked like forks
        if (outcome instanceof BlockOutcome.Connected c) {
            blockAccepted("connected", c.connected().size(), took);
        } else if (outcome instanceof BlockOutcome.Reorganized r) {
            int fresh = 0;
            for (Block b : r.connected()) {
                if (countedOffChain.remove(b.hash()) == null) {
                    fresh++;
                }
            }
            r.disconnected().forEach(b -> countedOffChain.put(b.hash(), Boolean.TRUE));
            blockAccepted("reorganized", fresh, took);
            counter("flint.reorgs", REORGS).increment();
            reorgDepth.record(r.disconnected().size());
        } else if (outcome instanceof BlockOutcome.SideBranch side) {
            if (!side.ahead()) {
                countedOffChain.put(side.hash(), Boolean.TRUE);
            }
            blockAccepted(side.ahead() ? null : "side_branch", 1, took);
        } else if (outcome instanceof BlockOutcome.Rejected r) {
            validation.record(took);
            counter("flint.blocks.rejected", BLOCKS_REJECTED, "reason", r.rejection().reason().code()).increment();
        } else if (outcome instanceof BlockOutcome.Orphan) {
            counter("flint.blocks.orphaned", BLOCKS_ORPHANED).increment();
        } else if (outcome instanceof BlockOutcome.Duplicate) {
            counter("flint.blocks.duplicate", BLOCKS_DUPLICATE).increment();
        }
    }

    private void blockAccepted(String result, int blocks, Duration took) {
        validation.record(took);
        if (result != null && blocks > 0) {
            counter("flint.blocks.accepted", BLOCKS_ACCEPTED, "result", result).increment(blocks);
        }
    }

    private void onTransaction(AcceptOutcome outcome) {
        if (closed) {
            return;
        }
        if (outcome instanceof AcceptOutcome.Accepted) {
            counter("flint.transactions.accepted", TXS_ACCEPTED).increment();
        } else if (outcome instanceof AcceptOutcome.Rejected r) {
            counter("flint.transactions.rejected", TXS_REJECTED, "reason", r.rejection().reason().code()).increment();
        } else if (outcome instanceof AcceptOutcome.AlreadyKnown) {
            counter("flint.transactions.duplicate", TXS_DUPLICATE).increment();
        } else if (outcome instanceof AcceptOutcome.MissingInputs) {
            counter("flint.transactions.orphaned", TXS_ORPHANED).increment();
        }
    }

    private void onRemoval(PoolRemoval removal) {
        if (!closed) {
            counter("flint.transactions.removed", TXS_REMOVED, "reason", removal.reason().code()).increment();
        }
    }

    /** The counters that exist from the start (at 0), so a dashboard has a line before the first event. */
    private void registerCounters() {
        for (String result : new String[] {"connected", "reorganized", "side_branch"}) {
            counter("flint.blocks.accepted", BLOCKS_ACCEPTED, "result", result);
        }
        counter("flint.blocks.orphaned", BLOCKS_ORPHANED);
        counter("flint.peer.unreachable", PEER_UNREACHABLE);
        counter("flint.reorgs", REORGS);
        // the paths are a closed set: each has its line at 0 before the first block takes it
        for (BlockPath via : BlockPath.values()) {
            FunctionCounter.builder("flint.blocks.arrived", node,
                            x -> x.network().published().counters().blockPaths().getOrDefault(via.code(), 0L))
                    .tag("via", via.code())
                    .description("New blocks received from peers, by the path they came: inv (fetched after an INV), "
                            + "parent (an orphan's parent fetched), sync (header sync), push (sent unasked)")
                    .register(registry);
        }
        counter("flint.blocks.duplicate", BLOCKS_DUPLICATE);
        counter("flint.transactions.accepted", TXS_ACCEPTED);
        counter("flint.transactions.duplicate", TXS_DUPLICATE);
        counter("flint.transactions.orphaned", TXS_ORPHANED);
        // the reasons are a closed set: each has its line at 0 before the first removal
        for (RemovalReason reason : RemovalReason.values()) {
            counter("flint.transactions.removed", TXS_REMOVED, "reason", reason.code());
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static Duration[] millis(double... ms) {
        Duration[] d = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) {
            d[i] = Duration.ofNanos(Math.round(ms[i] * 1_000_000));
        }
        return d;
    }

    /** Stops listening (the engine keeps the listener, which then ignores events). */
    @Override
    public void close() {
        closed = true;
        node.chain().removeListener(chainListener);
        node.mempool().removeOutcomeListener(poolListener);
        node.mempool().removeRemovalListener(removalListener);
    }
}
