package io.flint.node;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainListener;
import io.flint.chain.ChainState;
import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.chain.store.RocksKeyValueStore;
import io.flint.chain.store.StoreFailures;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.ProofOfWork;
import io.flint.core.script.Script;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolConfig;
import io.flint.mining.BlockTemplateFactory;
import io.flint.mining.Miner;
import io.flint.mining.MinerConfig;
import io.flint.core.Transaction;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.PoolRemoval;
import io.flint.net.tcp.TcpTransport;
import io.flint.p2p.BlockArrival;
import io.flint.p2p.ChainStateAccess;
import io.flint.p2p.LinkSimulation;
import io.flint.p2p.LoopTransportListener;
import io.flint.p2p.MempoolAccess;
import io.flint.p2p.Mode;
import io.flint.p2p.NodeIdentity;
import io.flint.p2p.P2pConfig;
import io.flint.p2p.P2pEngine;
import io.flint.p2p.P2pEvent;
import io.flint.p2p.PeerRecord;
import io.flint.p2p.PoolAccess;
import io.flint.p2p.message.PeerFlags;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.Transport;
import io.flint.p2p.snapshot.BanSnapshot;
import io.flint.wallet.FeeRate;
import io.flint.wallet.InsufficientFundsException;
import io.flint.wallet.SignedPayment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Flint node: chain, pool, miner and wallet wired around one event loop. Built from
 * {@link NodeSettings}; {@link #start()} opens everything, {@link #stop()} closes it in the
 * reverse order, gracefully.
 */
public final class FlintNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlintNode.class);
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(30);
    /** How often a running node looks at its disk's free space (one statfs call). */
    static final Duration FREE_SPACE_CHECK = Duration.ofSeconds(5);
    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration LEAVE_WAIT = Duration.ofSeconds(8);

    private final NodeSettings settings;
    private final Clock clock;
    private final SecureRandom random;
    private final Secp256k1 engine;
    private final DataDirectory dataDir;
    private final NodeLoop loop;
    private final NodeEvents events;
    private final Function<NodeSettings, Transport> transports;
    private final PeersFile peersFile;
    private final PoolFile poolFile;
    private final RunMarker runMarker;
    /** How long after start the transactions restored from {@code mempool.txt} are gossiped. */
    private static final Duration RESTORED_POOL_RELAY_DELAY = Duration.ofSeconds(10);
    /** Blocks read back at start, from the tip down (Bitcoin Core's -checkblocks default is 6). */
    public static final int RECENT_BLOCKS_CHECKED = 6;

    private KeyValueStore store;
    private ExecutorService scriptPool;
    private ChainState chain;
    private Mempool mempool;
    private NodeWallet wallet;
    private Miner miner;
    private Script payout;
    private WalletCoins coins;
    private Transport transport;
    private LoopTransportListener framesToLoop;
    private volatile Endpoint advertised;
    private P2pEngine network;
    private PaymentGenerator payments;
    private String adminToken;
    private Instant startedAt;
    /**
     * The latest blocks this node's miner solved (loop thread only), so that their "connected" and
     * "disconnected" lines say so: a reorganisation may take off several of them.
     */
    private final MinedBlocks minedHere = new MinedBlocks(1_000);
    private volatile boolean running;
    private final CompletableFuture<String> halted = new CompletableFuture<>();
    private final AtomicReference<Reorgs> reorgs = new AtomicReference<>(Reorgs.NONE);

    /**
     * @param transports makes the node's transport (TCP by default; tests and benchmarks may give
     *     in-memory transports or TCP transports sharing Netty threads)
     */
    public FlintNode(NodeSettings settings, Clock clock, SecureRandom random, Function<NodeSettings, Transport> transports) {
        this.settings = settings;
        this.transports = transports;
        this.clock = clock;
        this.random = random;
        this.events = new NodeEvents(clock);
        this.engine = Secp256k1Engines.best();
        this.dataDir = new DataDirectory(settings.dataDir());
        this.loop = new NodeLoop(settings.id());
        this.peersFile = new PeersFile(dataDir.peers());
        this.poolFile = new PoolFile(dataDir.pool());
        this.runMarker = new RunMarker(dataDir.runMarker());
    }

    public FlintNode(NodeSettings settings, Clock clock, SecureRandom random) {
        this(settings, clock, random, s -> new TcpTransport(s.tcpConfig(), clock));
    }

    public FlintNode(NodeSettings settings) {
        this(settings, Clock.systemUTC(), new SecureRandom());
    }

    /** Opens storage, the chain, pool, wallet and miner; returns when the node is running. */
    public synchronized FlintNode start() {
        if (running) {
            return this;
        }
        startedAt = clock.instant();
        if (!settings.inMemoryChain()) {
            settings.freeSpaceFloor().startRefusal(dataDir.root()).ifPresent(refusal -> {
                throw new IllegalStateException(refusal);
            });
        }
        dataDir.create();
        adminToken = dataDir.adminToken(random);
        store = settings.inMemoryChain() ? new MemoryKeyValueStore() : RocksKeyValueStore.open(dataDir.chain(),
                new StoreFailures() {
                    @Override
                    public void readFailed(String damage) {
                        log.error("the chain store {} is damaged: {}. What cannot be read is missing from now on "
                                + "(peers asking for such a block ask another peer, API requests that need it fail); "
                                + "stop the node and run 'flint chain verify --data-dir {}' to see which blocks are lost",
                                dataDir.chain(), damage, dataDir.root());
                    }

                    @Override
                    public void writeFailed(String message) {
                        halt("cannot write to the chain store " + dataDir.chain() + ": " + message);
                    }
                });
        try {
            scriptPool = Executors.newFixedThreadPool(settings.scriptThreads(), threads("flint-verify-" + settings.id()));
            chain = ChainState.open(store, settings.network(), clock, scriptPool, engine);
            chain.checkRecentBlocks(RECENT_BLOCKS_CHECKED).ifPresent(problem -> {
                // a failed RocksDB read was logged by the store's listener already
                if (store.readFailure().isEmpty()) {
                    log.error("the chain store {} is damaged: {} (the start-up check reads back the last {} blocks). "
                            + "The node runs without it; stop it and run 'flint chain verify --data-dir {}' to see what "
                            + "is lost", dataDir.chain(), problem, RECENT_BLOCKS_CHECKED, dataDir.root());
                }
            });
            if (!settings.inMemoryChain()) {
                // the store is open, so its lock keeps any other process off this directory now
                runMarker.leftOver().ifPresent(this::reportUncleanStop);
                runMarker.write(settings.id(), startedAt);
            }
            mempool = new Mempool(chain, MempoolConfig.DEFAULTS, clock, engine);
            // the log and the block event first: what the pool drops because of a block comes after it
            chain.addListener(new ChainLog());
            chain.addListener(mempool);
            mempool.addRemovalListener(this::publishPoolRemoval);
            coins = new WalletCoins(chain, mempool);
            wallet = NodeWallet.openOrCreate(dataDir, settings.network(), engine, random);
            Address payTo = settings.minerAddress().orElseGet(wallet::miningAddress);
            payout = StandardScripts.p2pkh(payTo.hash160());
            miner = new Miner(new BlockTemplateFactory(chain, mempool, clock), chain,
                    MinerConfig.defaults(settings.miningThreads()).withContinuousInterval(settings.mineInterval()
                            .orElse(MinerConfig.continuousIntervalFor(settings.network()))), clock, threads("flint-miner-" + settings.id()), payout,
                    block -> loop.execute(() -> submitMinedBlock(block)), random.nextLong());
            chain.addListener(miner);
            List<Transaction> restored = settings.light() || settings.inMemoryChain() ? List.of()
                    : poolFile.restore(mempool::accept); // in the pool before any peer asks for it
            startNetwork();
            if (!restored.isEmpty()) {
                // once peers had time to answer the greeting: gossip goes to live peers only
                loop.after(RESTORED_POOL_RELAY_DELAY, () -> restored.stream()
                        .filter(tx -> mempool.contains(tx.txid())).forEach(network::broadcastTransaction));
            }
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        loop.every(HOUSEKEEPING, this::housekeeping);
        loop.every(settings.saveInterval(), this::saveNow);
        if (!settings.inMemoryChain() && settings.freeSpaceFloor().bytes() > 0) {
            loop.every(FREE_SPACE_CHECK, () -> settings.freeSpaceFloor().shortfall(dataDir.root()).ifPresent(this::halt));
        }
        settings.txInterval().ifPresent(interval -> {
            payments = new PaymentGenerator(this, new Random(random.nextLong()));
            loop.every(interval, payments::payRandomPeer);
        });
        running = true;
        log.info("node {} started: network {}, height {}, tip {}, data {}, role {}", settings.id(),
                settings.network().name(), chain.height(), chain.tip().hash(), dataDir.root(), settings.role());
        if (settings.mine()) {
            startMining();
        }
        return this;
    }

    private void startNetwork() {
        if (settings.light() && settings.mine()) {
            throw new IllegalArgumentException("a light node keeps headers only and cannot mine");
        }
        // the transport starts first so that a port of 0 becomes a real one before HELLO advertises it;
        // frames that arrive before the engine exists wait in the gate (on the loop thread)
        EngineGate gate = new EngineGate();
        transport = transports.apply(settings);
        // a flood waits in the peers' TCP windows, not in the loop's queue (only TCP can pause)
        LoopTransportListener.ReadSwitch reads = transport instanceof TcpTransport tcp ? tcp::pauseReading
                : LoopTransportListener.ReadSwitch.NONE;
        framesToLoop = new LoopTransportListener(loop::execute, gate, LoopTransportListener.QueueLimit.DEFAULTS, reads,
                clock);
        transport.start(new Endpoint(settings.p2pBind(), settings.advertised().port()), framesToLoop);
        advertised = new Endpoint(settings.advertised().host(), transport.localEndpoint().port());
        NodeIdentity identity = new NodeIdentity(settings.id(), advertised, settings.nat(), settings.light(),
                settings.localNetworkId(), payoutAddress().toString(), settings.apiPort(),
                settings.malicious() ? Mode.MALICIOUS : Mode.NORMAL);
        List<PeerRecord> bootstrap = settings.bootstrap().stream()
                .map(p -> new PeerRecord(p.id(), new Endpoint(p.ip(), p.port()),
                        new PeerFlags(p.nat(), p.light(), false, p.localNetworkId()), true))
                .toList();
        P2pConfig config = P2pConfig.defaults(identity, bootstrap).toBuilder()
                .fanout(settings.fanout())
                .dynamic(settings.dynamic())
                .link(settings.link())
                .build();
        network = new P2pEngine(config, transport, new ChainStateAccess(chain, settings.light()),
                settings.light() ? PoolAccess.NONE : new MempoolAccess(mempool), clock, new Random(random.nextLong()));
        network.addListener(this::publishNetworkEvent);
        List<PeerRecord> saved = peersFile.read();
        loop.call(() -> {
            if (!saved.isEmpty()) {
                network.importPeers(saved);
                log.info("rejoining with {} peers from {}", saved.size(), peersFile.path());
            }
            network.start();
            gate.open(network);
            return null;
        }, Duration.ofSeconds(10));
        loop.every(TICK, network::onTick);
        log.info("P2P listening on {} (advertised {}), fanout {}, {}{}", transport.localEndpoint(),
                advertised, settings.fanout(), settings.dynamic() ? "dynamic join" : "bootstrap set",
                settings.link().enabled() ? ", link simulation on (" + settings.link().describe() + ")" : "");
    }

    private void publishNetworkEvent(P2pEvent event) {
        if (event instanceof P2pEvent.PeerJoined e) {
            events.publish("peer-joined", Map.of("peer", e.peerId()));
        } else if (event instanceof P2pEvent.PeerLeft e) {
            events.publish("peer-left", Map.of("peer", e.peerId(), "reason", e.reason()));
        } else if (event instanceof P2pEvent.PeerUnreachable e) {
            events.publish("peer-unreachable", Map.of("peer", e.peerId(), "silent_ms", e.silentMs()));
        } else if (event instanceof P2pEvent.PeerAlive e) {
            events.publish("peer-alive", Map.of("peer", e.peerId(), "silent_ms", e.silentMs()));
        } else if (event instanceof P2pEvent.OffenceCounted e) {
            events.publish("offence", Map.of("peer", e.peerId(), "kind", e.kind(), "reason", e.reason(),
                    "count", e.count()));
        } else if (event instanceof P2pEvent.BanLifted e) {
            events.publish("unban", Map.of("peer", e.peerId(), "how", e.how()));
        } else if (event instanceof P2pEvent.PeerBanned e) {
            events.publish("ban", Map.of("peer", e.peerId(), "reason", e.reason(), "until", e.until().toString()));
        } else if (event instanceof P2pEvent.TxReceived e) {
            log.debug("tx {} accepted from peer {}", e.txid(), e.fromPeer());
            events.publish("tx", Map.of("txid", e.txid().toString(), "from", e.fromPeer()));
        } else if (event instanceof P2pEvent.BlockReceived e && settings.light() && e.tipChanged()) {
            // a light node connects no blocks: its chain grows by headers, which watchers (and its
            // log, silent for 20 minutes in a researcher's cluster) want to see too
            log.info("header {} {} is the best header now (from {})", e.height(), e.hash(), e.fromPeer());
            events.publish("header", Map.of("height", e.height(), "hash", e.hash().toString(), "connected_at", clock.millis()));
        } else if (event instanceof P2pEvent.TransactionsHandedOver e) {
            events.publish("handover", Map.of("from", e.fromPeer(), "admitted", e.admitted(), "offered", e.offered()));
        }
    }

    /** One log line and one {@code tx-removed} event per transaction the pool dropped unconfirmed. */
    private void publishPoolRemoval(PoolRemoval r) {
        String conflicting = r.conflictingTxid().map(Hash::toString).orElse(null);
        log.info("tx {} removed from the pool: {}{}; {}", r.txid(), r.reason().code(),
                conflicting == null ? "" : " with " + conflicting, r.detail());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("txid", r.txid().toString());
        data.put("reason", r.reason().code());
        if (conflicting != null) {
            data.put("conflicting_txid", conflicting);
        }
        data.put("detail", r.detail());
        events.publish("tx-removed", data);
    }

    /**
     * Admits a transaction from this node's user (HTTP, wallet) to the pool and, when accepted,
     * gossips it. Runs on the event loop.
     */
    public AcceptOutcome submitTransaction(Transaction tx) {
        return loop.call(() -> {
            AcceptOutcome outcome = mempool.acceptFromUser(tx);
            if (outcome instanceof AcceptOutcome.Accepted) {
                network.broadcastTransaction(tx);
                log.debug("tx {} accepted from this node's user", tx.txid());
                events.publish("tx", Map.of("txid", tx.txid().toString(), "from", settings.id()));
            }
            return outcome;
        }, Duration.ofSeconds(30));
    }

    /**
     * Builds and signs a payment from the node wallet with the coins it holds now (confirmed and
     * pooled) at the current tip, at {@link FeeRate#DEFAULT}; the caller submits it. Run it on the
     * event loop, so that two payments never pick the same coins.
     *
     * @throws InsufficientFundsException when the wallet's spendable coins do not cover it
     */
    public SignedPayment payFromWallet(Address to, Amount amount) {
        return wallet.pay(to, amount, FeeRate.DEFAULT, coins.of(wallet.addresses()), chain.height(), settings.network(),
                clock.instant());
    }

    /** addpeer: say HELLO to a node at {@code endpoint} and add it when it answers. */
    public void addPeer(Endpoint endpoint) {
        loop.execute(() -> network.addPeer(endpoint));
    }

    /** A bootstrap peer known by address only ({@code --peers}): greeted like addpeer, counted with the start's peers. */
    public void addBootstrapAddress(Endpoint endpoint) {
        loop.execute(() -> network.addBootstrapAddress(endpoint));
    }

    /** Bans peer {@code id} now, for {@code duration} (see {@link P2pEngine#banByOperator}); the ban in force. */
    public BanSnapshot ban(String id, Duration duration, String reason) {
        return loop.call(() -> network.banByOperator(id, duration, reason), Duration.ofSeconds(10));
    }

    /** Lifts the ban on peer (or host) {@code key} now; false if it was not banned. */
    public boolean unban(String key) {
        return loop.call(() -> network.unban(key), Duration.ofSeconds(10));
    }

    /** Tells peers where this node's HTTP API listens (after it bound a port chosen by the system). */
    public void advertiseHttpPort(int port) {
        loop.execute(() -> network.advertiseHttpPort(port));
    }

    /** Asks peers for anything newer than what this node has. */
    public void syncNow() {
        loop.execute(network::syncNow);
    }

    /** Starts continuous mining (also what {@code --mine} does). */
    public void startMining() {
        Duration interval = miner.config().continuousInterval();
        log.info("mining with {} thread(s), rewards to {}, {}", settings.miningThreads(), payoutAddress(),
                interval.isZero() ? "as fast as the proof of work allows" : "at most one block every "
                        + interval.toMillis() + " ms");
        continuousMiningWarning(settings.network(), interval).ifPresent(log::warn);
        miner.start();
    }

    /**
     * What a user starting continuous mining should know about {@code network}: on one that never
     * retargets (regtest, where any few hashes meet the target) the miner finds a block whenever
     * its pace ({@code interval}) allows, or as fast as the CPU allows when unpaced, and the
     * subsidy soon halves to nothing. Empty where the difficulty follows the block rate.
     */
    static Optional<String> continuousMiningWarning(NetworkParams network, Duration interval) {
        if (network.retargetingEnabled()) {
            return Optional.empty();
        }
        String pace = interval.isZero()
                ? "mines blocks as fast as the CPU allows (until the chain's time runs 2 h ahead of the clock, then "
                        + "as fast as the median-time rule lets it advance: a few a second)"
                : "mines one block every " + interval.toMillis() + " ms";
        return Optional.of("the " + network.name() + " network never retargets its proof of work: continuous mining "
                + pace + " and the subsidy halves every " + network.halvingInterval()
                + " blocks. For blocks on demand, run the node without --mine and use POST /mine (flint client mine).");
    }

    public void stopMining() {
        miner.stop();
    }

    /** Mines one block now with the current template; completes when it is found and submitted. */
    public CompletableFuture<Block> mineOne() {
        return miner.mineOne(payout);
    }

    private void submitMinedBlock(Block block) {
        minedHere.add(block.hash());
        BlockOutcome outcome = chain.submitBlock(block);
        if (outcome instanceof BlockOutcome.Connected || outcome instanceof BlockOutcome.Reorganized) {
            network.announceBlock(block);
        } else if (outcome instanceof BlockOutcome.Rejected r) {
            log.warn("own mined block {} rejected: {}", block.hash(), r.rejection().message());
        } else {
            log.info("mined block {} not connected: {}", block.hash(), notConnected(outcome));
        }
    }

    /** Why a block this node mined did not join its best chain, in words (a researcher saw a raw record here). */
    static String notConnected(BlockOutcome outcome) {
        if (outcome instanceof BlockOutcome.SideBranch side) {
            return side.ahead() ? "an earlier block of its branch is still missing"
                    : "another block at its height came first: it is kept on a side branch (a fork)";
        } else if (outcome instanceof BlockOutcome.Orphan orphan) {
            return "its parent " + orphan.parent() + " is unknown here";
        } else if (outcome instanceof BlockOutcome.Duplicate) {
            return "this node has it already";
        }
        return outcome.toString();
    }

    /**
     * One line for the operator of a node that restarts after a kill -9, a crash or a power cut:
     * what the run before lost (the peers learned since the last save of the table, the pool).
     */
    private void reportUncleanStop(String previousRun) {
        long height = settings.light() ? chain.bestHeader().height() : chain.height();
        log.info("the previous run ({}) did not stop cleanly (killed, crashed or the machine went down): chain checked "
                + "at height {}, {}, {}", previousRun, height,
                savedAt(dataDir.peers(), "the peer table", "no saved peer table (only the configured peers are greeted)"),
                savedAt(dataDir.pool(), "the pool", "no saved unconfirmed transactions"));
    }

    private static String savedAt(Path file, String what, String absent) {
        try {
            return Files.exists(file)
                    ? what + " as saved at " + Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS)
                    : absent;
        } catch (IOException e) {
            return "an unreadable " + what.replaceFirst("^the ", "") + " (" + e.getMessage() + ")";
        }
    }

    /** The peer table and the pool (loop thread), now and then in case there is no clean stop. */
    private void saveNow() {
        peersFile.write(network.exportPeers());
        if (savesPool()) {
            poolFile.saveIfChanged(mempool.entries());
        }
    }

    /** A light node has no pool; a chain kept in memory starts again without the pool's inputs. */
    private boolean savesPool() {
        return mempool != null && !settings.light() && !settings.inMemoryChain();
    }

    private void housekeeping() {
        int expired = mempool.expire();
        int orphans = chain.expireOrphans();
        if (expired + orphans > 0) {
            log.info("housekeeping: {} pool entries and {} orphan blocks expired", expired, orphans);
        }
    }

    /** Logs one line per chain change and publishes it as an event. */
    private final class ChainLog implements ChainListener {
        @Override
        public void blockConnected(Block block, long height) {
            double bits = ProofOfWork.difficultyBits(block.header().bits());
            boolean mined = minedHere.contains(block.hash());
            // which peer sent it and how: what a propagation study sorts the slow tail by
            Optional<BlockArrival> arrival = mined || network == null ? Optional.empty()
                    : network.arrivalOf(block.hash());
            log.info("block {} {} connected: {} tx, difficulty {} bits{}", height, block.hash(),
                    block.transactions().size(), String.format("%.2f", bits), mined ? ", mined here"
                            : arrival.map(a -> ", from " + a.fromPeer() + " (" + a.via().code() + ")").orElse(""));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("height", height);
            data.put("hash", block.hash().toString());
            data.put("tx_count", block.transactions().size());
            data.put("difficulty_bits", bits);
            data.put("timestamp", block.header().timestamp());
            data.put("from", mined ? settings.id() : arrival.map(BlockArrival::fromPeer).orElse(null));
            data.put("via", mined ? "mined" : arrival.map(a -> a.via().code()).orElse(null));
            // when this node had it (its clock, ms): watchers order propagation by it, not by
            // when each node's event stream happened to deliver
            data.put("connected_at", clock.millis());
            events.publish("block", data);
        }

        @Override
        public void blockDisconnected(Block block, long height) {
            boolean mined = minedHere.contains(block.hash());
            // a miner sees which of its own blocks (and rewards) a reorganisation took away
            log.info("block {} {} disconnected{}", height, block.hash(), mined ? ", mined here" : "");
            events.publish("block-disconnected", Map.of("height", height, "hash", block.hash().toString(),
                    "mined_here", mined));
        }

        /**
         * One {@code reorg} event per reorganisation, after its disconnects and connects: a watcher
         * (a class counting what a join undid) no longer has to count the events around it.
         */
        @Override
        public void blockProcessed(BlockOutcome outcome, Duration took) {
            if (outcome instanceof BlockOutcome.Reorganized r) {
                long forkHeight = r.tip().height() - r.connected().size();
                reorgs.updateAndGet(all -> all.plus(new Reorgs.Last(forkHeight, r.disconnected().size(),
                        r.connected().size(), clock.millis())));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("fork_height", forkHeight);
                data.put("disconnected", r.disconnected().size());
                data.put("connected", r.connected().size());
                data.put("old_tip", r.disconnected().get(0).hash().toString());
                data.put("tip", r.tip().hash().toString());
                data.put("height", r.tip().height());
                events.publish("reorg", data);
            }
        }
    }

    /** The reorganisations since start (any thread). */
    public Reorgs reorgs() {
        return reorgs.get();
    }

    /**
     * Completes, with the reason, when the node can no longer store blocks (its disk is full, a
     * write failed): then it has stopped mining and its owner must {@link #stop} it. Never
     * completes on a stop asked for.
     */
    public CompletableFuture<String> halted() {
        return halted;
    }

    /**
     * The chain store cannot take more blocks: stop mining and have the owner stop the node, as
     * Bitcoin Core shuts down (AbortNode). Going on would only lose every block that arrives and
     * serve peers a tip it cannot extend. What was written stays intact: each connect is one
     * atomic batch, and a failed batch wrote nothing. Once; the miner is stopped on a thread of
     * its own (its workers may wait for the loop this is called on).
     */
    private void halt(String reason) {
        if (!halted.complete(reason)) {
            return;
        }
        log.error("{}. The node stops: what it stored before is intact; free space on that disk (or give it another "
                + "--data-dir) and start it again", reason);
        Thread stopMining = new Thread(() -> {
            if (miner != null) {
                miner.stop();
            }
        }, "flint-halt-" + settings.id());
        stopMining.setDaemon(true);
        stopMining.start();
    }

    /** Stops mining, then everything else in reverse order of start. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        log.info("node {} stopping", settings.id());
        closeQuietly();
        log.info("node {} stopped", settings.id());
    }

    private void closeQuietly() {
        if (miner != null) {
            miner.stop();
        }
        leaveNetwork();
        savePool();
        loop.shutdown(Duration.ofSeconds(5));
        if (scriptPool != null) {
            scriptPool.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
        runMarker.remove();
    }

    /**
     * The pool's transactions to {@code mempool.txt} for the next start (peers may have taken them
     * in the hand-over; this node keeps them too, since there may be no peer at all).
     */
    private void savePool() {
        if (!savesPool()) {
            return;
        }
        try {
            poolFile.save(loop.call(mempool::entries, Duration.ofSeconds(2)));
        } catch (RuntimeException e) {
            log.warn("could not save the pool: {}", e.getMessage());
        }
    }

    /** GOODBYE to every peer with the pool handed over, then the peer table saved for the next start. */
    private void leaveNetwork() {
        if (network == null) {
            if (transport != null) {
                transport.close();
            }
            return;
        }
        try {
            CompletableFuture<Void> left = loop.submit(() -> network.leave("shutdown")).thenCompose(f -> f);
            left.get(LEAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("graceful leave did not finish: {}", e.toString());
        }
        try {
            loop.call(() -> {
                peersFile.write(network.exportPeers());
                return null;
            }, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            log.warn("could not save the peer table: {}", e.getMessage());
        }
        transport.close();
    }

    @Override
    public void close() {
        stop();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public Address payoutAddress() {
        return settings.minerAddress().orElseGet(wallet::miningAddress);
    }

    public NodeSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public NodeLoop loop() {
        return loop;
    }

    public ChainState chain() {
        return chain;
    }

    public Mempool mempool() {
        return mempool;
    }

    /** The protocol engine; read its {@code published()} snapshot from any thread. */
    public P2pEngine network() {
        return network;
    }

    /** Where peers reach this node (the configured endpoint, with a port of 0 replaced by the bound one). */
    public Endpoint advertisedEndpoint() {
        return advertised;
    }

    public Transport transport() {
        return transport;
    }

    /** What hands the transport's callbacks to the event loop, and holds reading back while the loop is behind. */
    public LoopTransportListener framesToLoop() {
        return framesToLoop;
    }

    public Miner miner() {
        return miner;
    }

    public NodeWallet wallet() {
        return wallet;
    }

    public WalletCoins coins() {
        return coins;
    }

    public NodeEvents events() {
        return events;
    }

    public String adminToken() {
        return adminToken;
    }

    public DataDirectory dataDirectory() {
        return dataDir;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean isRunning() {
        return running;
    }

    public Secp256k1 engine() {
        return engine;
    }
}
