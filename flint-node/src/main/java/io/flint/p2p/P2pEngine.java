package io.flint.p2p;

import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.p2p.PoolAccess.TxAdmission;
import io.flint.p2p.message.DecodeResult;
import io.flint.p2p.message.Envelope;
import io.flint.p2p.message.Message;
import io.flint.p2p.message.MessageCodec;
import io.flint.p2p.message.MessageType;
import io.flint.p2p.message.PeerEntry;
import io.flint.p2p.message.PeerFlags;
import io.flint.p2p.message.TipInfo;
import io.flint.p2p.snapshot.NetworkSnapshot;
import io.flint.p2p.snapshot.PeerSnapshot;
import io.flint.p2p.snapshot.SyncProgress;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.InboundFilter;
import io.flint.p2p.transport.Transport;
import io.flint.p2p.transport.TransportListener;
import io.flint.p2p.snapshot.BanSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol engine, sans-I/O. It owns no thread and no socket: every method runs on the
 * node's event-loop thread, driven by transport callbacks (it is a {@link TransportListener}),
 * {@link #onTick()} and commands ({@link #start()}, {@link #addPeer}, {@link #syncNow()},
 * {@link #broadcastTransaction}, {@link #announceBlock}, {@link #leave}). It sends only through
 * the {@link Transport}, reads time only from the injected {@link Clock} and draws randomness
 * only from the injected {@link RandomGenerator}, so a run is reproducible from a seed.
 *
 * <p>Other threads read {@link #published()}, an immutable snapshot republished every
 * {@code snapshotInterval}.
 */
public final class P2pEngine implements TransportListener {
    private static final Logger LOG = LoggerFactory.getLogger(P2pEngine.class);
    /** GOODBYEs of departed peers remembered at most (each for {@code departedMemory}). */
    private static final int DEPARTED_MAX = 10_000;
    private static final long SEND_MEMORY_MS = 30_000;
    private static final int ANNOUNCE_MEMORY = 10_000;
    private static final int SENT_MEMORY = 20_000;
    /** Blocks whose path is remembered: far more than a node connects between two looks. */
    private static final int ARRIVAL_MEMORY = 1_000;
    private static final int MAX_POOL_EXPORT = 100_000;
    /** Transaction ids one pool announcement (INV with tx_ids) names at most: the newest ones. */
    private static final int TX_ANNOUNCE_MAX = 100;
    private static final String ENDPOINT_PREFIX = "@";
    private static final long REFUSAL_LOG_EVERY_MS = 10 * 60_000;
    private static final long DROP_LOG_EVERY_MS = 60_000;
    /**
     * A gap between two ticks (50 ms apart on a node) longer than this is the node itself having
     * stood still: a stopped process (SIGSTOP), a long GC pause, an overloaded machine.
     */
    static final long PAUSE_MS = 5_000;
    /** Messages whose answer goes to the sender's endpoint, so only a peer that said HELLO gets one. */
    private static final Set<MessageType> REQUESTS = EnumSet.of(MessageType.GET_PEERS, MessageType.PING,
            MessageType.GET_MEMPOOL, MessageType.GETBLOCK, MessageType.GET_BLOCK_HEADERS, MessageType.GET_LATEST_BLOCK);

    private enum State { NEW, RUNNING, LEAVING, STOPPED }

    private record SentFrame(Outbox.Item item, long at) {}

    private final P2pConfig config;
    private NodeIdentity me;
    private final Transport transport;
    private final ChainAccess chain;
    private final PoolAccess pool;
    private final Clock clock;
    private final RandomGenerator random;
    private final MessageCodec codec = new MessageCodec();
    private final Counters counters = new Counters();
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final SeenMessages seen;
    private final BanList bans;
    private final Outbox outbox;
    private final ChainSync sync;
    private final Forger forger;
    private final InboundFilter inboundFilter;
    private final List<P2pEventListener> listeners = new ArrayList<>();
    private final Connections connections = new Connections();
    private final Map<String, Long> departed = new RecentMap<>(DEPARTED_MAX);
    /** Peers learned from others, waiting for their paced greeting (in order learned). */
    private final ArrayDeque<String> toGreet = new ArrayDeque<>();
    private final TokenBucket greetings;
    /**
     * The connection the message being handled came on, null for a relayed payload: data
     * handlers (and ChainSync, through {@link SyncNetwork#offence}) charge offences to whoever
     * that connection is confirmed to speak for, never to the claimed sender.
     */
    private ConnectionId handlingConnection;
    private boolean handling;
    private final Map<Hash, String> announceIds = new RecentMap<>(ANNOUNCE_MEMORY);
    /** Orphans' parents asked for, so their arrival counts as {@link BlockPath#PARENT}. */
    private final Map<Hash, Boolean> parentRequests = new RecentMap<>(ARRIVAL_MEMORY);
    /** How recent blocks arrived, for the node's block event and log line when they connect (maybe later). */
    private final Map<Hash, BlockArrival> arrivals = new RecentMap<>(ARRIVAL_MEMORY);
    /** Recent sends by "endpoint|message id", so a failure report finds the item to retry. */
    private final Map<String, SentFrame> sentFrames = new RecentMap<>(SENT_MEMORY);
    /** HELLOs refused for who or where the sender is: logged at most every 10 minutes per endpoint or id. */
    private final LogPace refusals = new LogPace(REFUSAL_LOG_EVERY_MS);
    /** Drops logged at DEBUG: at most one line per cause and connection a minute. */
    private final LogPace dropLines = new LogPace(DROP_LOG_EVERY_MS);
    private final AnswerWatch answers;

    private State state = State.NEW;
    private long nextRefresh;
    private long nextSyncProbe;
    private long nextMalice;
    private long nextSnapshot;
    private long joinStepAt = -1;
    private long lastTick;
    private long leaveDeadline;
    private CompletableFuture<Void> leaving;
    private volatile NetworkSnapshot published;

    public P2pEngine(P2pConfig config, Transport transport, ChainAccess chain, PoolAccess pool, Clock clock,
            RandomGenerator random) {
        this.config = config;
        this.me = config.identity();
        this.transport = transport;
        this.chain = chain;
        this.pool = me.light() ? PoolAccess.NONE : pool;
        this.clock = clock;
        this.random = random;
        long now = clock.millis();
        this.seen = new SeenMessages(config.seenMessages());
        this.bans = new BanList(config.banThreshold(), config.banDuration().toMillis());
        this.outbox = new Outbox(config, random, counters, this::transmit, now);
        this.sync = new ChainSync(config, chain, new SyncNetwork());
        this.forger = new Forger(chain, this.pool, random);
        this.inboundFilter = me.nat() ? InboundFilter.natted(me.localNetworkId()) : InboundFilter.open();
        this.greetings = new TokenBucket(config.greetRate(), config.greetBurst(), now);
        this.answers = new AnswerWatch(config.noAnswerWarning().toMillis());
        this.published = snapshot();
    }

    public void addListener(P2pEventListener listener) {
        listeners.add(listener);
    }

    public P2pConfig config() {
        return config;
    }

    // ================================================================== commands

    /** Greets the bootstrap (and imported) peers; later ticks do the rest of the join. */
    public void start() {
        if (state != State.NEW) {
            return;
        }
        state = State.RUNNING;
        long now = clock.millis();
        for (PeerRecord r : config.bootstrapPeers()) {
            Peer remembered = peers.get(r.id());
            if (r.id().equals(me.id()) || remembered != null && remembered.endpoint.equals(r.endpoint())) {
                continue;
            }
            if (remembered != null) {
                // the configuration says where a bootstrap peer is, peers.json only where it was: a
                // remembered address of another network (a compose file's bridge, say) was dialled
                // instead, and whatever answered there was taken for the peer
                LOG.info("[{}] bootstrap peer {} at {} as configured, not at {} as peers.json remembers", me.id(),
                        r.id(), r.endpoint(), remembered.endpoint);
            }
            addRecorded(r, now);
        }
        answers.started(now);
        lastTick = now;
        for (Peer p : List.copyOf(peers.values())) {
            if (directlyReachable(p)) {
                answers.greetedAtStart(p.endpoint, p.id + " at " + p.endpoint);
                sayHello(p.id, config.dynamic(), false);
            }
        }
        // NATed peers of other networks are greeted through a relay once pings show one
        nextRefresh = now + config.peerRefreshInterval().toMillis();
        nextSyncProbe = now + config.syncInterval().toMillis();
        nextMalice = now + config.maliciousInterval().toMillis();
        joinStepAt = now + config.pingInterval().toMillis() / 5;
        LOG.info("[{}] p2p started with {} known peers (dynamic={}, nat={}, light={}, mode={})", me.id(),
                peers.size(), config.dynamic(), me.nat(), me.light(), me.mode().wireName());
    }

    /** A peer of the configuration or peers.json into the table: its endpoint may be dialled. */
    private Peer addRecorded(PeerRecord r, long now) {
        Peer p = new Peer(r.id(), r.endpoint(), r.flags().withNewNode(false), now);
        p.bootstrap = r.bootstrap();
        p.dialable = true;
        peers.put(r.id(), p);
        return p;
    }

    /**
     * addpeer HOST:PORT ({@code POST /peers}): says HELLO to an endpoint whose node id is not
     * known yet; if nothing ever comes from there, the log says so once.
     */
    public void addPeer(Endpoint endpoint) {
        greetAddress(endpoint, false);
    }

    /**
     * A bootstrap peer known only by address ({@code --peers}), greeted again and again until a
     * peer lives there: counted with the peers tried at start, which the log names if none answers.
     */
    public void addBootstrapAddress(Endpoint endpoint) {
        greetAddress(endpoint, true);
    }

    private void greetAddress(Endpoint endpoint, boolean bootstrap) {
        long now = clock.millis();
        if (bans.isBanned(endpoint, now)) {
            // PROTOCOL.md: nothing is sent to a banned peer, also when its address is given again
            // (by --peers, whose bootstrap greets it until a peer lives there, or POST /peers)
            counters.dropped("banned_endpoint");
            LOG.debug("[{}] not greeting {}: banned", me.id(), endpoint);
            return;
        }
        if (bootstrap) {
            answers.greetedAtStart(endpoint, endpoint.toString());
        } else {
            answers.greetedOnRequest(endpoint, now);
        }
        Envelope hello = envelope(helloBody(config.dynamic(), false));
        outbox.enqueue(ENDPOINT_PREFIX + endpoint, hello, Priority.CONTROL, now);
    }

    /**
     * Lifts the ban on peer {@code key} (or, for a host banned without an id, host {@code key})
     * before it expires: bans live in memory only, so short of this they last their hour or until
     * a restart. A learned peer is not greeted: it is welcome when it comes back. A configured
     * (bootstrap) peer is put back in the table and greeted, as at start: the ban had taken it
     * out, and a peer that does not dial in itself was never heard from again. False if none was
     * banned.
     */
    public boolean unban(String key) {
        Optional<String> reason = bans.liftEarly(key);
        reason.ifPresent(r -> {
            LOG.info("[{}] ban of {} lifted by the operator (it was banned for: {})", me.id(), key, r);
            long now = clock.millis();
            emit(new P2pEvent.BanLifted(Instant.ofEpochMilli(now), key, "operator"));
            for (PeerRecord b : config.bootstrapPeers()) {
                if (b.id().equals(key) && !peers.containsKey(key) && state == State.RUNNING
                        && !bans.isBanned(b.endpoint(), now)) {
                    Peer p = addRecorded(b, now);
                    if (directlyReachable(p)) {
                        sayHello(key, config.dynamic(), false);
                    }
                }
            }
            published = snapshot();
        });
        return reason.isPresent();
    }

    /**
     * The node's HTTP API is listening on {@code port} (known only after the engine started when
     * the API asked for any free port): later HELLOs say so, and every known peer hears it now,
     * not only the live ones: a peer greeted at start with no port may not have answered yet.
     */
    public void advertiseHttpPort(int port) {
        if (port == me.httpPort()) {
            return;
        }
        me = me.withHttpPort(port);
        if (state == State.RUNNING) {
            List.copyOf(peers.keySet()).forEach(id -> sayHello(id, false, false));
        }
    }

    /** Asks several peers for their latest block and syncs toward the one with most work. */
    public void syncNow() {
        long now = clock.millis();
        long height = ourTip().height();
        for (Peer p : pick(fullAlivePeers(), config.syncPeers())) {
            send(p.id, new Message.GetLatestBlock(height));
        }
        Peer best = null;
        for (Peer p : fullAlivePeers()) {
            if (p.tip != null && (best == null || p.tip.work().compareTo(best.tip.work()) > 0)) {
                best = p;
            }
        }
        if (best != null && best.tip.work().compareTo(chain.headerTip().work()) > 0) {
            sync.startHeaders(best.id, now);
        }
    }

    /** Gossips a transaction this node accepted into its pool (from its API or wallet). */
    public void broadcastTransaction(Transaction tx) {
        if (state != State.RUNNING) {
            return;
        }
        gossip(envelope(new Message.Tx(tx)), null, true);
    }

    /** Announces a block this node mined and its chain accepted. */
    public void announceBlock(Block block) {
        if (state != State.RUNNING) {
            return;
        }
        gossip(envelope(new Message.Inv(List.of(block.hash()), List.of())), null, false);
    }

    /**
     * Graceful leave: GOODBYE to every known peer with up to {@code mempoolBatch} pending
     * transactions inline, the rest as MEMPOOL_TRANSFER batches to up to 3 random ALIVE full
     * peers. The future completes (on the loop thread, during a tick) once the outbox has
     * drained or {@code leaveDeadline} has passed; the node keeps ticking until then and closes
     * the transport afterwards.
     */
    public CompletableFuture<Void> leave(String reason) {
        if (leaving != null) {
            return leaving;
        }
        leaving = new CompletableFuture<>();
        long now = clock.millis();
        if (state != State.RUNNING) {
            state = State.STOPPED;
            leaving.complete(null);
            return leaving;
        }
        List<Transaction> pending = pool.pending(MAX_POOL_EXPORT);
        int inline = Math.min(config.mempoolBatch(), pending.size());
        boolean more = pending.size() > inline;
        Message.Goodbye bye = new Message.Goodbye(reason, pending.subList(0, inline), more, now);
        for (Peer p : List.copyOf(peers.values())) {
            send(p.id, bye);
        }
        String batches = "";
        if (more) {
            List<Transaction> rest = pending.subList(inline, pending.size());
            List<Peer> takers = pick(fullAlivePeers(), 3);
            int total = (rest.size() + config.mempoolBatch() - 1) / config.mempoolBatch();
            for (int b = 0; b < total; b++) {
                List<Transaction> batch = rest.subList(b * config.mempoolBatch(),
                        Math.min(rest.size(), (b + 1) * config.mempoolBatch()));
                Message.MempoolTransfer transfer = new Message.MempoolTransfer(batch, b + 1, total);
                Envelope env = envelope(transfer);
                for (Peer p : takers) {
                    outbox.enqueue(p.id, env, Priority.TRANSACTIONS, now);
                }
            }
            batches = ", " + rest.size() + " in " + total + " batches to " + takers.stream().map(p -> p.id).toList();
        }
        // always, with the total: 'flint cluster remove' reports this count, which the receivers'
        // handover events offer; its own earlier look at the pool may be a transaction or two short
        LOG.info("[{}] leaving: {} transactions inline{}; {} handed over in all", me.id(), inline, batches,
                pending.size());
        state = State.LEAVING;
        leaveDeadline = now + config.leaveDeadline().toMillis();
        checkLeft(now);
        return leaving;
    }

    /** The peer table, for peers.json. */
    public List<PeerRecord> exportPeers() {
        return peers.values().stream().map(Peer::record).toList();
    }

    /** Adds persisted peers (before {@link #start()}); they are greeted on start like bootstrap peers. */
    public void importPeers(List<PeerRecord> records) {
        long now = clock.millis();
        for (PeerRecord r : records) {
            if (!r.id().equals(me.id()) && !peers.containsKey(r.id())) {
                addRecorded(r, now);
            }
        }
    }

    // ================================================================== transport callbacks

    @Override
    public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
        if (state == State.STOPPED || state == State.NEW) {
            return;
        }
        // where the connection comes from was noted when it connected (onConnected comes first)
        if (refusedHost(connection, remote)) {
            return;
        }
        if (!connection.inbound() && answers.waiting()) {
            // whatever it says, the node we dialled there is up and took our HELLO
            answers.answered(remote);
        }
        DecodeResult result = codec.decode(payload);
        if (result instanceof DecodeResult.Malformed bad) {
            // one label per kind in both counters: bytes that are not one JSON object are a bad
            // frame (PROTOCOL.md's framing errors), as the transport's length and UTF-8 errors are
            counters.dropped(bad.notJson() ? "bad_frame" : "malformed");
            String culprit = culprit(connection, bad.senderId());
            LOG.debug("[{}] malformed message from {} ({}): {}", me.id(), culprit, connection, bad.reason());
            offence(culprit, connection, bad.notJson() ? "bad_frame" : "malformed",
                    (bad.notJson() ? "bad frame: " : "malformed field: ") + bad.reason());
            if (bad.notJson()) {
                // PROTOCOL.md: a frame that is not one JSON object ends its connection, like a
                // framing error; a well-formed message with a bad field does not
                transport.close(connection);
            }
            return;
        }
        Envelope env = ((DecodeResult.Decoded) result).envelope();
        connections.spoke(connection);
        if (connection.inbound() && !connections.speaksForSomeone(connection)
                && !inboundFilter.admits(remote, declaredNetwork(env))) {
            // a NATed node takes connections only from its own local network; not an offence
            counters.dropped("nat_refused");
            LOG.debug("[{}] NAT: refusing a connection from {} outside local network '{}'", me.id(), env.senderId(),
                    me.localNetworkId());
            transport.close(connection);
            return;
        }
        handle(env, connection, null);
    }

    /** The local network the sender of {@code env} declared (its HELLO, or what we know of it), or null. */
    private String declaredNetwork(Envelope env) {
        if (env.body() instanceof Message.Hello h) {
            return h.flags().localNetworkId().isEmpty() ? null : h.flags().localNetworkId();
        }
        Peer p = peers.get(env.senderId());
        return p == null || p.flags.localNetworkId().isEmpty() ? null : p.flags.localNetworkId();
    }

    @Override
    public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {
        if (state == State.STOPPED) {
            return;
        }
        counters.dropped("bad_frame");
        connections.openedIfUnknown(connection, remote);
        offence(culprit(connection, ""), connection, "bad_frame", "bad frame: " + reason);
        // the transport closed that connection already: it is forgotten now, not when its close
        // callback comes, which may be after the sender's next connection has spoken (its HELLO
        // was then refused as a second node under a live id, and its next bad frame charged to
        // nobody: a CI run under load saw that)
        forget(connection);
    }

    /**
     * Whether an inbound connection nobody has spoken for yet comes from a banned host: then it is
     * closed unheard (counted {@code banned_host}).
     */
    private boolean refusedHost(ConnectionId connection, Endpoint remote) {
        if (!connection.inbound() || connections.speaksForSomeone(connection)
                || !bans.isHostBanned(remote.host(), clock.millis())) {
            return false;
        }
        counters.dropped("banned_host");
        transport.close(connection);
        return true;
    }

    @Override
    public void onConnected(ConnectionId connection, Endpoint remote) {
        if (state == State.STOPPED) {
            return;
        }
        connections.opened(connection, remote);
        if (refusedHost(connection, remote)) {
            return;
        }
        if (!connection.inbound()) {
            for (Peer p : peers.values()) {
                if (p.endpoint.equals(remote)) {
                    p.connections.add(connection);
                    connections.bind(connection, p.id, false);
                }
            }
        }
    }

    @Override
    public void onDisconnected(ConnectionId connection, Endpoint remote, String reason) {
        forget(connection);
    }

    /** A closed connection no longer speaks for its peer; a peer that said GOODBYE goes with its last one. */
    private void forget(ConnectionId connection) {
        String id = connections.closed(connection);
        if (id != null) {
            Peer p = peers.get(id);
            if (p != null) {
                p.connections.remove(connection);
                removeIfGone(p, clock.millis());
            }
        }
    }

    @Override
    public void onSendFailed(Endpoint to, byte[] payload, String reason) {
        if (!(codec.decode(payload) instanceof DecodeResult.Decoded decoded)) {
            return;
        }
        SentFrame f = sentFrames.remove(to + "|" + decoded.envelope().messageId());
        if (f == null) {
            return;
        }
        Priority priority = f.item().priority();
        // pings and greetings repeat on their own; retrying them only adds load on a dead peer
        if (priority == Priority.CONTROL && f.item().envelope().type() != MessageType.GOODBYE) {
            counters.outboxDropped("send_failed");
            return;
        }
        outbox.retry(f.item(), clock.millis());
    }

    // ================================================================== time

    /** Timers: liveness, refresh, sync, malice, outbox pacing, leave completion, snapshots. */
    public void onTick() {
        long now = clock.millis();
        if (state == State.NEW || state == State.STOPPED) {
            return;
        }
        if (now - lastTick > PAUSE_MS) {
            resumedAfterPause(now - lastTick, now);
        }
        lastTick = now;
        bans.expire(now).forEach(id -> emit(new P2pEvent.BanLifted(Instant.ofEpochMilli(now), id, "expired")));
        if (state == State.RUNNING) {
            greetLearned(now);
            liveness(now);
            reportSilence(now);
            if (joinStepAt >= 0 && now >= joinStepAt) {
                joinStep(now);
            }
            if (now >= nextRefresh) {
                nextRefresh = now + config.peerRefreshInterval().toMillis();
                if (config.dynamic()) {
                    refreshPeers();
                }
            }
            if (now >= nextSyncProbe) {
                nextSyncProbe = now + config.syncInterval().toMillis();
                List<Peer> picked = pick(fullAlivePeers(), 1);
                long height = ourTip().height();
                picked.forEach(p -> send(p.id, new Message.GetLatestBlock(height)));
                announcePool();
            }
            sync.tick(now);
            if (me.mode() == Mode.MALICIOUS && now >= nextMalice) {
                nextMalice = now + config.maliciousInterval().toMillis();
                misbehave(now);
            }
        }
        outbox.drain(now);
        forgetOldSends(now);
        departed.values().removeIf(until -> until <= now);
        if (state == State.LEAVING) {
            checkLeft(now);
        }
        if (now >= nextSnapshot) {
            nextSnapshot = now + config.snapshotInterval().toMillis();
            published = snapshot();
        }
    }

    /**
     * The node stood still for {@code pause} ms and nothing it was sent meanwhile has been read
     * yet: without this its first tick found every peer silent for the pause and logged each one
     * UNREACHABLE, then ALIVE again a moment later, blaming the peers. Silence is counted without
     * the pause instead (a peer that did die meanwhile is found out a timeout later), and so is
     * the wait for peers to answer a greeting.
     */
    private void resumedAfterPause(long pause, long now) {
        LOG.warn("[{}] the node was paused for {} s (process stopped, long GC or an overloaded machine): peers' "
                + "silence during it is not theirs", me.id(), Math.round(pause / 1000.0));
        for (Peer p : peers.values()) {
            p.silentSince = Math.min(now, p.silentSince + pause);
        }
        answers.postpone(pause);
    }

    private void checkLeft(long now) {
        if (outbox.isDrained() || now >= leaveDeadline) {
            state = State.STOPPED;
            published = snapshot();
            LOG.info("[{}] left the network ({})", me.id(), outbox.isDrained() ? "outbox drained" : "deadline");
            leaving.complete(null);
        }
    }

    /**
     * Says which peers never answered: a node cut off from the start (a wrong address, a peer
     * refusing it) otherwise looks like a healthy node with a quiet network.
     */
    private void reportSilence(long now) {
        long seconds = config.noAnswerWarning().toSeconds();
        answers.startSilence(now).ifPresent(silence -> {
            if (silence.total()) {
                LOG.warn("[{}] no peer has answered {} s after start (tried {}): check the addresses and that those "
                        + "nodes run; a node refusing this one says why in its own log (id {} in use by a live node, "
                        + "a banned endpoint, another genesis)", me.id(), seconds, firstFew(silence.silent()), me.id());
            } else {
                LOG.info("[{}] {} of the {} peers tried at start have not answered in {} s: {}", me.id(),
                        silence.silent().size(), silence.tried(), seconds, firstFew(silence.silent()));
            }
        });
        for (Endpoint e : answers.overdue(now)) {
            LOG.info("[{}] {} (added with addpeer / POST /peers) has not answered in {} s: is a node listening there, "
                    + "and does it take this one?", me.id(), e, seconds);
        }
    }

    /** A list for one log line: a peers.json of hundreds of stale peers must not make it a page. */
    private static String firstFew(List<String> names) {
        int shown = Math.min(names.size(), 10);
        String list = String.join(", ", names.subList(0, shown));
        return shown == names.size() ? list : list + " and " + (names.size() - shown) + " more";
    }

    private void joinStep(long now) {
        List<Peer> alive = fullAlivePeers();
        if (alive.isEmpty()) {
            if (now - joinStepAt > config.peerTimeout().toMillis()) {
                joinStepAt = -1;
            }
            return;
        }
        joinStepAt = -1;
        if (config.dynamic()) {
            for (Peer p : pick(alive, 3)) {
                send(p.id, new Message.GetPeers());
            }
        }
        long height = ourTip().height();
        for (Peer p : pick(alive, config.syncPeers())) {
            send(p.id, new Message.GetLatestBlock(height));
        }
        if (!me.light()) {
            for (Peer p : pick(alive, 1)) {
                send(p.id, new Message.GetMempool());
            }
        }
    }

    private void refreshPeers() {
        for (Peer p : pick(alivePeers(), 3)) {
            send(p.id, new Message.GetPeers());
        }
        for (Peer p : List.copyOf(peers.values())) {
            if (!p.helloSent && !p.greetPending && (directlyReachable(p) || relayFor(p, null) != null)) {
                sayHello(p.id, false, false);
            }
        }
    }

    private void liveness(long now) {
        TipInfo tip = ourTip();
        List<String> reach = reach();
        long interval = config.pingInterval().toMillis();
        for (Peer p : List.copyOf(peers.values())) {
            long silence = now - p.silentSince;
            if (p.greetPending) {
                // not dialled before its paced greeting; it may expire waiting, like any silent peer
                if (!p.bootstrap && silence > config.peerTimeout().toMillis() + config.peerExpiry().toMillis()) {
                    removePeer(p.id, "expired", now);
                }
                continue;
            }
            if (p.alive() && silence > config.peerTimeout().toMillis()) {
                p.status = PeerStatus.UNREACHABLE;
                LOG.info("[{}] peer {} is UNREACHABLE ({} ms silent)", me.id(), p.id, silence);
                p.reportedUnreachable = true;
                emit(new P2pEvent.PeerUnreachable(Instant.ofEpochMilli(now), p.id, silence));
            }
            if (!p.alive() && !p.bootstrap
                    && silence > config.peerTimeout().toMillis() + config.peerExpiry().toMillis()) {
                removePeer(p.id, "expired", now);
                continue;
            }
            if (now >= p.nextPingAt) {
                if (p.alive()) {
                    p.pingBackoff = interval;
                } else {
                    // a silent peer is asked less and less often: no reconnect storm
                    p.pingBackoff = Math.min(Math.max(interval, p.pingBackoff * 2), config.maxPingBackoff().toMillis());
                }
                p.nextPingAt = now + p.pingBackoff;
                // a silent peer may have restarted and forgotten us: greet it again (at the backoff
                // pace), but not one we greeted less than a ping interval ago, e.g. just learned
                if (!p.alive() && now - p.helloSentAt >= interval
                        && (directlyReachable(p) || relayFor(p, null) != null)) {
                    sayHello(p.id, config.dynamic() && !p.heardFrom, false);
                }
                p.pingSent(now, clock.instant());
                send(p.id, new Message.Ping(now, tip, reach));
            }
        }
    }

    private void misbehave(long now) {
        Block bad = forger.forgeBlock(now / 1000);
        Transaction badTx = forger.forgeTransaction();
        for (Peer p : alivePeers()) {
            if (!p.flags.light()) {
                send(p.id, new Message.BlockMsg(bad));
                send(p.id, new Message.Tx(badTx));
            }
        }
    }

    // ================================================================== inbound

    private void handle(Envelope env, ConnectionId connection, String relayedBy) {
        ConnectionId outerConnection = handlingConnection;
        boolean outerHandling = handling;
        handlingConnection = connection;
        handling = true;
        try {
            dispatch(env, connection, relayedBy);
        } finally {
            handlingConnection = outerConnection;
            handling = outerHandling;
        }
    }

    private void dispatch(Envelope env, ConnectionId connection, String relayedBy) {
        long now = clock.millis();
        String sender = env.senderId();
        if (sender.equals(me.id())) {
            quietDrop("own_id", connection, sender, env.type() + " under this node's own id (it dialled itself, or "
                    + "someone claims to be it)");
            return;
        }
        if (bans.isBanned(sender, now)) {
            counters.dropped("banned_sender");
            if (connection != null) {
                transport.close(connection);
            }
            return;
        }
        if (connection != null) {
            String bound = connections.peerOf(connection);
            // a connection speaks for one peer: another sender id on it is a spoof (forwarders and
            // relays always send under their own id); only the node we dialled may say who it is
            if (bound != null && !bound.equals(sender)
                    && !(env.type() == MessageType.HELLO && !connection.inbound())) {
                quietDrop("sender_mismatch", connection, sender, env.type() + " on a connection that speaks for "
                        + bound + " (one connection per peer: close old ones)");
                return;
            }
            if (!solicited(env, sender) && !admitRate(sender, connection, now)) {
                return;
            }
        }
        // every message that got this far, a repeat included: redundancy is redundant / received
        // (counted after the first sight only, the ratio went above 1)
        counters.received(env.type().name());
        if (!seen.firstSight(env.messageId())) {
            counters.redundant(env.type().name());
            return;
        }
        if (state == State.STOPPED) {
            return;
        }
        Peer peer = peers.get(sender);
        boolean newConnection = connection != null && !connections.speaksForSomeone(connection);
        if (newConnection && peer != null) {
            connections.bind(connection, sender, !peer.connections.isEmpty());
            peer.connections.add(connection);
        }
        if (peer == null && REQUESTS.contains(env.type())) {
            // an answer goes to a peer's endpoint: a requester must say HELLO first (so the
            // handlers of these requests below are only ever given a known peer)
            quietDrop("unknown_requester", connection, sender, env.type() + " before HELLO: not answered");
            return;
        }
        if (peer != null) {
            if (!peer.heardFrom) {
                // a peer known before it spoke (bootstrap, peers.json, NEW_PEER): its first message is
                // when this node got it, which the log must show as it shows a newcomer's "joined"
                Endpoint from = connection == null ? null : connections.remote(connection);
                LOG.info("[{}] peer {} answered ({} {})", me.id(), sender, env.type(),
                        from == null ? "through a relay" : "on a connection from " + from);
            }
            heard(peer, now);
            verifyEndpoint(peer, connection);
        }
        Message body = env.body();
        switch (env.type()) {
            case HELLO -> onHello(env, (Message.Hello) body, connection, newConnection, now);
            case NEW_PEER -> onNewPeer(peer, env, (Message.NewPeer) body, now);
            case GET_PEERS -> onGetPeers(peer);
            case PEERS_LIST -> onPeersList(sender, peer, (Message.PeersList) body, now);
            case PING -> onPing(peer, (Message.Ping) body, now);
            case PONG -> onPong(peer, (Message.Pong) body, now);
            case GOODBYE -> onGoodbye(sender, (Message.Goodbye) body, connection, now);
            case MEMPOOL_TRANSFER -> admitAll(sender, ((Message.MempoolTransfer) body).transactions(), true, now);
            case GET_MEMPOOL -> onGetMempool(peer, (Message.GetMempool) body);
            case MEMPOOL_DATA -> admitPoolData(sender, ((Message.MempoolData) body).transactions(), now);
            case TX -> onTx(env, (Message.Tx) body, now);
            case INV -> onInv(env, (Message.Inv) body);
            case GETBLOCK -> onGetBlock(peer, (Message.GetBlock) body);
            case BLOCK -> onBlock(sender, (Message.BlockMsg) body, now);
            case GET_BLOCK_HEADERS -> onGetHeaders(peer, (Message.GetBlockHeaders) body);
            case BLOCK_HEADERS -> onHeaders(sender, (Message.BlockHeaders) body, now);
            case GET_LATEST_BLOCK -> onGetLatest(peer);
            case LATEST_BLOCK -> onLatest(peer, (Message.LatestBlock) body, now);
            case RELAY -> onRelay(env, (Message.Relay) body, sender);
        }
    }

    /**
     * A drop no offence and no INFO line reports: counted, and logged at DEBUG naming the cause,
     * the connection and the claimed sender, for the author of another implementation who wonders
     * where their messages went. Paced per cause and connection, so a flood cannot fill the log.
     */
    private void quietDrop(String cause, ConnectionId connection, String sender, String what) {
        counters.dropped(cause);
        if (LOG.isDebugEnabled() && dropLines.due(cause + " " + connection, clock.millis())) {
            Endpoint remote = connection == null ? null : connections.remote(connection);
            LOG.debug("[{}] dropped ({}) a message from {} on {}: {}", me.id(), cause, sender,
                    connection == null ? "a relay" : connection + (remote == null ? "" : " from " + remote), what);
        }
    }

    /**
     * A reply to this node's own sync requests: a block it asked for, or headers from the peer
     * it is syncing headers from. Those requests bound this traffic (so many blocks in flight per
     * peer, so many headers per batch), and a node catching up asks for far more than the inbound
     * rate: counted there, the honest peer serving a long chain was banned for answering.
     */
    private boolean solicited(Envelope env, String sender) {
        if (env.body() instanceof Message.BlockMsg b) {
            return sync.isRequested(b.block().hash());
        }
        return env.body() instanceof Message.BlockHeaders && sync.isHeaderPeer(sender);
    }

    /**
     * The inbound rate limit: a known peer's own when the connection is confirmed to speak for it
     * (it follows the peer across reconnections), else the connection's. Never one per claimed
     * id: a sender naming a new id on every message would get a fresh burst each time, and an
     * entry each, without end.
     */
    private boolean admitRate(String sender, ConnectionId connection, long now) {
        InboundLimit limit;
        Peer owner = sender.equals(connections.confirmedPeerOf(connection)) ? peers.get(sender) : null;
        if (owner != null) {
            if (owner.inbound == null) {
                owner.inbound = new InboundLimit(config, now);
            }
            limit = owner.inbound;
        } else {
            limit = connections.inboundLimit(connection, config, now);
        }
        if (limit.admit(now)) {
            return true;
        }
        counters.dropped("inbound_rate");
        if (limit.offenceDue(now)) {
            offence(culprit(connection, sender), connection, "rate_limit", "over the inbound rate limit");
        }
        return false;
    }

    /** Marks {@code peer}'s endpoint verified when it spoke on a connection we dialled to that endpoint. */
    private void verifyEndpoint(Peer peer, ConnectionId connection) {
        if (connection != null && !connection.inbound() && peer.id.equals(connections.confirmedPeerOf(connection))
                && peer.endpoint.equals(connections.remote(connection))) {
            peer.endpointVerified = true;
            peer.dialable = true;
        }
    }

    private void heard(Peer peer, long now) {
        if (!peer.heardFrom && answers.waiting()) {
            answers.answered(peer.endpoint);
        }
        if (peer.reportedUnreachable) {
            // whoever saw it go needs to see it come back (a restart, a healed partition)
            peer.reportedUnreachable = false;
            long silent = now - peer.silentSince;
            LOG.info("[{}] peer {} is ALIVE again ({} ms silent)", me.id(), peer.id, silent);
            emit(new P2pEvent.PeerAlive(Instant.ofEpochMilli(now), peer.id, silent));
        }
        peer.lastSeen = now;
        peer.silentSince = now;
        peer.heardFrom = true;
        if (!peer.alive()) {
            peer.status = PeerStatus.ALIVE;
            peer.pingBackoff = config.pingInterval().toMillis();
            if (peer.nextPingAt > now + peer.pingBackoff) {
                peer.nextPingAt = now + peer.pingBackoff;
            }
        }
    }

    /**
     * @param newConnection the first message on this connection: a HELLO there may come from a new
     *     process under a known id (restarted after a crash, with an empty or stale peer table),
     *     so it is answered even if this node greeted the old one; otherwise the new one would not
     *     hear of this node until the old one expired here
     */
    private void onHello(Envelope env, Message.Hello h, ConnectionId connection, boolean newConnection, long now) {
        String sender = env.senderId();
        if (!h.genesis().equals(chain.genesisHash())) {
            counters.dropped("wrong_genesis");
            LOG.info("[{}] refusing {}: different genesis {}", me.id(), sender, h.genesis());
            if (connection != null) {
                transport.close(connection);
            }
            return;
        }
        Endpoint endpoint;
        try {
            endpoint = new Endpoint(h.ip(), h.port());
        } catch (IllegalArgumentException e) {
            offence(culprit(connection, sender), connection, "malformed", "malformed field: HELLO " + e.getMessage());
            return;
        }
        Optional<BanList.Ban> endpointBan = bans.banOn(endpoint, now);
        if (endpointBan.isPresent()) {
            counters.dropped("banned_sender");
            BanList.Ban ban = endpointBan.get();
            // another node at a banned peer's address (a student reusing a lab machine's port) is
            // refused for the ban's hour: without this line neither side said why
            if (refusals.due("banned " + endpoint, now)) {
                LOG.info("[{}] refusing a HELLO as {} from {}: that endpoint is banned until {} ({}: {})", me.id(),
                        sender, endpoint, Instant.ofEpochMilli(ban.until()), ban.peerId(), ban.reason());
            }
            if (connection != null) {
                transport.close(connection);
            }
            return;
        }
        Peer peer = peers.get(sender);
        if (peer != null && connection != null && connections.isUnconfirmed(connection) && peer.alive()
                && !peer.endpoint.equals(endpoint)) {
            // a live peer does not move while its connection is up: a second node under its id,
            // or someone claiming it; either way this connection does not speak for it
            counters.dropped("id_in_use");
            // paced per id, not per endpoint: an impostor names any endpoint it likes in its HELLO
            if (refusals.due("id_in_use " + sender, now)) {
                LOG.info("[{}] refusing a HELLO as {} from {}: that peer is alive at {}", me.id(), sender, endpoint,
                        peer.endpoint);
            }
            connections.unbind(connection);
            peer.connections.remove(connection);
            transport.close(connection);
            return;
        }
        boolean unknown = peer == null;
        if (unknown && !makeRoom(now)) {
            counters.dropped("peer_table_full");
            LOG.info("[{}] not adding {} ({}): the peer table is full ({} peers, none silent to replace)", me.id(),
                    sender, endpoint, peers.size());
            return;
        }
        departed.remove(sender);
        if (unknown) {
            peer = new Peer(sender, endpoint, h.flags().withNewNode(false), now);
            peers.put(sender, peer);
            LOG.info("[{}] peer {} joined ({}{}{})", me.id(), sender, endpoint, h.flags().nat() ? ", NAT" : "",
                    h.flags().light() ? ", light" : "");
            emit(new P2pEvent.PeerJoined(Instant.ofEpochMilli(now), sender));
        }
        if (!peer.endpoint.equals(endpoint)) {
            // a new address, named only by the HELLO: nothing has shown it to be the peer's yet
            peer.endpointVerified = false;
            peer.dialable = false;
        }
        peer.endpoint = endpoint;
        peer.greetPending = false;
        peer.flags = h.flags().withNewNode(false);
        peer.address = h.address();
        peer.httpPort = h.httpPort();
        peer.mode = h.mode();
        heard(peer, now);
        if (connection != null) {
            if (connection.inbound()) {
                transport.bind(connection, endpoint);
            }
            String previous = connections.bind(connection, sender, false);
            if (previous != null && !previous.equals(sender) && peers.containsKey(previous)) {
                peers.get(previous).connections.remove(connection);
            }
            peer.connections.add(connection);
            verifyEndpoint(peer, connection);
        }
        peer.announcedHeight = h.height();
        if (peer.tip == null || peer.tip.height() < h.height()) {
            sync.onPeerTip(peer, h.height(), null, null, now);
        }
        if (unknown && h.flags().newNode()) {
            Envelope news = envelope(new Message.NewPeer(sender, h.ip(), h.port(), h.flags().withNewNode(false)));
            seen.firstSight(news.messageId());
            for (Peer p : alivePeers()) {
                if (!p.id.equals(sender)) {
                    outbox.enqueue(p.id, news, Priority.CONTROL, now);
                }
            }
        }
        if (!h.ack() && (unknown || !peer.helloSent || newConnection)) {
            sayHello(sender, false, true);
        }
    }

    private void onNewPeer(Peer teller, Envelope env, Message.NewPeer m, long now) {
        if (teller == null) {
            // news of peers is taken from peers only: a stranger would point us at any host:port
            quietDrop("unknown_teller", handlingConnection, env.senderId(),
                    "NEW_PEER from a sender that is not a known peer");
            return;
        }
        String id = m.newPeerId();
        // news of a join is newer than the GOODBYE of that id remembered here: it came back. A
        // NATed node that ignored it heard the node only through relays and reported it
        // UNREACHABLE and ALIVE by turns for as long as both ran
        departed.remove(id);
        if (!learnPeer(id, m.newPeerIp(), m.newPeerPort(), m.newPeerFlags(), now)) {
            return;
        }
        // pass the news on once (same message id: duplicates are recognised and dropped)
        List<Peer> others = new ArrayList<>();
        for (Peer q : alivePeers()) {
            if (!q.id.equals(id) && !q.id.equals(env.senderId())) {
                others.add(q);
            }
        }
        for (Peer q : pick(others, config.fanout())) {
            outbox.enqueue(q.id, env.forwardedBy(me.id()), Priority.CONTROL, now);
        }
    }

    private void onGetPeers(Peer requester) {
        Map<String, PeerEntry> list = new TreeMap<>();
        for (Peer p : peers.values()) {
            if (!p.id.equals(requester.id)) {
                list.put(p.id, new PeerEntry(p.endpoint.host(), p.endpoint.port(), p.flags, p.status.name()));
            }
        }
        send(requester.id, new Message.PeersList(list));
    }

    /**
     * Adds the unknown peers its sender sees ALIVE, at most {@code maxPeersPerList} of them, and
     * only from a known peer (a stranger would fill the table and point us at any host:port). An
     * entry it lists as UNREACHABLE is a peer that may be gone: added, it would start a fresh
     * silence clock here, and survivors that forget a crashed peer at different moments would
     * hand it back to each other forever.
     */
    private void onPeersList(String sender, Peer teller, Message.PeersList m, long now) {
        if (teller == null) {
            quietDrop("unknown_teller", handlingConnection, sender,
                    "PEERS_LIST from a sender that is not a known peer");
            return;
        }
        // one line per list, not per entry: a list has up to 1,000 of them
        if (!m.skipped().isEmpty()) {
            m.skipped().forEach(why -> counters.dropped("peers_list_bad_ip"));
            LOG.debug("[{}] PEERS_LIST from {}: {} entries skipped, such as {}", me.id(), teller.id,
                    m.skipped().size(), m.skipped().get(0));
        }
        List<String> noStatus = new ArrayList<>();
        int learned = 0;
        for (Map.Entry<String, PeerEntry> e : m.peers().entrySet()) {
            PeerEntry entry = e.getValue();
            if (entry.status().isEmpty()) {
                // the seed's entries carry no status: whether the sender sees them alive is unknown
                counters.dropped("peers_list_no_status");
                noStatus.add(e.getKey());
                continue;
            }
            if (!PeerStatus.ALIVE.name().equalsIgnoreCase(entry.status())) {
                continue;
            }
            if (learned >= config.maxPeersPerList()) {
                // the rest may come with a later list: known entries do not count against the cap
                counters.dropped("peers_list_excess");
                break;
            }
            if (learnPeer(e.getKey(), entry.ip(), entry.port(), entry.flags(), now)) {
                learned++;
            }
        }
        if (!noStatus.isEmpty()) {
            LOG.debug("[{}] PEERS_LIST from {}: {} entries without a status skipped, such as {}", me.id(), teller.id,
                    noStatus.size(), noStatus.get(0));
        }
    }

    /**
     * Adds a peer heard of from someone else (NEW_PEER, PEERS_LIST) and greets it if it can be
     * dialled, at the pace of {@code greetRate}; false if it is us, known, banned, recently
     * departed, has no valid endpoint, or the table is full (learned peers never push others out).
     */
    private boolean learnPeer(String id, String ip, int port, PeerFlags flags, long now) {
        Peer known = peers.get(id);
        if (known != null) {
            vouchFor(known, ip, port, now);
            return false;
        }
        if (id.equals(me.id()) || bans.isBanned(id, now) || departed.containsKey(id)) {
            return false;
        }
        if (peers.size() >= config.maxPeers()) {
            counters.dropped("peer_table_full");
            return false;
        }
        Endpoint endpoint;
        try {
            endpoint = new Endpoint(ip, port);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (bans.isBanned(endpoint, now)) {
            return false;
        }
        Peer p = new Peer(id, endpoint, flags.withNewNode(false), now);
        p.dialable = true;
        peers.put(id, p);
        emit(new P2pEvent.PeerJoined(Instant.ofEpochMilli(now), id));
        if (directlyReachable(p)) {
            greetPaced(p, now);
        }
        return true;
    }

    /** Greets {@code p} now if {@code greetRate} allows, else queues it for {@link #greetLearned}. */
    private void greetPaced(Peer p, long now) {
        if (greetings.tryTake(now)) {
            sayHello(p.id, false, false);
        } else if (!p.greetPending) {
            if (toGreet.size() >= config.maxPeers()) {
                // ids of peers gone before their turn: the queue stays within the table's bound
                toGreet.removeIf(q -> !peers.containsKey(q) || !peers.get(q).greetPending);
            }
            p.greetPending = true;
            toGreet.addLast(p.id);
        }
    }

    /**
     * Another peer names the endpoint that a known peer gave only in its own HELLO, which came
     * through a relay or on a connection the peer opened: that endpoint may now be dialled, as a
     * learned peer's is, so a node behind NAT (which the peer cannot dial) greets it there and
     * the answer verifies it. Without this, news that came after the relayed HELLO left the peer
     * reachable through relays only.
     */
    private void vouchFor(Peer p, String ip, int port, long now) {
        if (p.dialable || p.endpointVerified || !p.connections.isEmpty() || !p.endpoint.host().equals(ip)
                || p.endpoint.port() != port || !directlyReachable(p)) {
            return;
        }
        p.dialable = true;
        greetPaced(p, now);
    }

    /** Greets learned peers waiting for it, as far as {@code greetRate} allows. */
    private void greetLearned(long now) {
        while (!toGreet.isEmpty() && greetings.available(now)) {
            Peer p = peers.get(toGreet.pollFirst());
            if (p != null && p.greetPending) {
                greetings.tryTake(now);
                p.greetPending = false;
                p.nextPingAt = now;
                sayHello(p.id, false, false);
            }
        }
    }

    /**
     * Whether the table has room for one more peer: when full, the silent, unconnected,
     * non-bootstrap peer heard from longest ago makes way (a peer that greets us itself is worth
     * more than one we only heard of and cannot reach).
     */
    private boolean makeRoom(long now) {
        if (peers.size() < config.maxPeers()) {
            return true;
        }
        Peer stalest = null;
        for (Peer p : peers.values()) {
            if (!p.bootstrap && !p.alive() && p.connections.isEmpty()
                    && (stalest == null || p.silentSince < stalest.silentSince)) {
                stalest = p;
            }
        }
        if (stalest == null) {
            return false;
        }
        removePeer(stalest.id, "evicted: peer table full", now);
        return true;
    }

    private void onPing(Peer peer, Message.Ping m, long now) {
        learnTip(peer, m.tip(), m.reach(), now);
        send(peer.id, new Message.Pong(m.timestamp(), ourTip(), reach()));
    }

    private void onPong(Peer peer, Message.Pong m, long now) {
        if (peer == null) {
            return;
        }
        Optional<Instant> sent = m.timestamp() <= now ? peer.answersPing(m.timestamp()) : Optional.empty();
        if (sent.isPresent()) {
            Instant back = clock.instant();
            // to the microsecond: finer than any link, and short in /peers and /latency
            peer.rttMs = Math.max(0, Duration.between(sent.get(), back).toNanos() / 1_000) / 1_000.0;
            emit(new P2pEvent.RttMeasured(back, peer.id, peer.rttMs));
        }
        learnTip(peer, m.tip(), m.reach(), now);
    }

    private void learnTip(Peer peer, TipInfo tip, List<String> reach, long now) {
        peer.reach = Set.copyOf(reach);
        if (tip != null) {
            peer.tip = tip;
            sync.onPeerTip(peer, tip.height(), tip.hash(), tip.work(), now);
        }
    }

    /**
     * A GOODBYE removes its sender only when it came on a connection confirmed to speak for it:
     * anyone can write any id, and a forged GOODBYE would cut the node off from that peer. Else
     * it is dropped ({@code goodbye_unconfirmed}) and the peer pinged now; a peer that really
     * left (its GOODBYE came on the second connection of a simultaneous dial, or through a relay)
     * is removed as soon as all its connections close, or forgotten when silent like any other.
     * Its transactions are admitted either way: the pool validates them.
     */
    private void onGoodbye(String sender, Message.Goodbye m, ConnectionId connection, long now) {
        admitAll(sender, m.pendingTransactions(), false, now);
        Peer p = peers.get(sender);
        if (connection == null || !sender.equals(connections.confirmedPeerOf(connection))) {
            counters.dropped("goodbye_unconfirmed");
            LOG.info("[{}] GOODBYE as {} on {}, which is not confirmed to be its: not removed, pinging it", me.id(),
                    sender, connection == null ? "a relay" : connection);
            if (p != null) {
                p.nextPingAt = now;
                p.goodbyeClaimedUntil = now + config.peerTimeout().toMillis();
            }
            return;
        }
        if (p != null) {
            LOG.info("[{}] peer {} left: {}{}", me.id(), sender, m.reason(),
                    m.hasMoreTransactions() ? " (more transactions follow)" : "");
            removePeer(sender, "goodbye: " + m.reason(), now);
        }
        departed.put(sender, now + config.departedMemory().toMillis());
    }

    /**
     * Drops sends older than {@code SEND_MEMORY_MS} from the head of {@link #sentFrames}, which is
     * in order of send time: every tick scanned all 30 s of sends before (most of a simulation's CPU).
     */
    private void forgetOldSends(long now) {
        Iterator<SentFrame> oldestFirst = sentFrames.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().at() < now - SEND_MEMORY_MS) {
            oldestFirst.remove();
        }
    }

    /** Removes a peer whose unconfirmed GOODBYE is recent once it holds no connection any more. */
    private void removeIfGone(Peer p, long now) {
        if (now < p.goodbyeClaimedUntil && p.connections.isEmpty() && peers.get(p.id) == p) {
            LOG.info("[{}] peer {} left: its connections closed after its GOODBYE", me.id(), p.id);
            removePeer(p.id, "goodbye: connections closed", now);
            departed.put(p.id, now + config.departedMemory().toMillis());
        }
    }

    /**
     * A leaver's hand-over. GOODBYE went to every peer, so its inline transactions are everyone's
     * already; a MEMPOOL_TRANSFER batch reached only 3 peers, so each of them gossips what was new
     * to it ({@code relay}), as it would a transaction of its own: the miners learn them now, not
     * at the next pool announcement.
     */
    private void admitAll(String sender, List<Transaction> txs, boolean relay, long now) {
        if (me.light() || txs.isEmpty()) {
            return;
        }
        int admitted = 0;
        for (Transaction tx : txs) {
            if (pool.accept(tx) instanceof TxAdmission.Accepted) {
                admitted++;
                if (relay) {
                    broadcastTransaction(tx);
                }
            }
        }
        emit(new P2pEvent.TransactionsHandedOver(Instant.ofEpochMilli(now), sender, admitted, txs.size()));
    }

    /** Pool transactions from a MEMPOOL_DATA (a joiner's pool sync or an answer to an INV): each new one is "received". */
    private void admitPoolData(String sender, List<Transaction> txs, long now) {
        if (me.light()) {
            return;
        }
        for (Transaction tx : txs) {
            if (pool.accept(tx) instanceof TxAdmission.Accepted) {
                emit(new P2pEvent.TxReceived(Instant.ofEpochMilli(now), tx.txid(), sender));
            }
        }
    }

    /**
     * Anti-entropy for transactions: gossip pushes each one to only {@code fanout} peers, which
     * at small fanouts misses some pools for good; so now and then a full node announces the ids
     * of its newest pooled transactions to {@code fanout} full peers, who ask for the ones they lack.
     */
    private void announcePool() {
        if (me.light()) {
            return;
        }
        List<Transaction> pending = pool.pending(MAX_POOL_EXPORT);
        if (pending.isEmpty()) {
            return;
        }
        List<Hash> ids = pending.subList(Math.max(0, pending.size() - TX_ANNOUNCE_MAX), pending.size()).stream()
                .map(Transaction::txid).toList();
        pick(fullAlivePeers(), config.fanout()).forEach(p -> send(p.id, new Message.Inv(List.of(), ids)));
    }

    private void onGetMempool(Peer requester, Message.GetMempool m) {
        if (me.light()) {
            return;
        }
        List<Transaction> pending = pool.pending(MAX_POOL_EXPORT);
        if (!m.txIds().isEmpty()) {
            Set<Hash> wanted = new HashSet<>(m.txIds());
            pending = pending.stream().filter(tx -> wanted.contains(tx.txid())).toList();
            if (pending.isEmpty()) {
                return;
            }
        }
        int size = config.mempoolBatch();
        int total = Math.max(1, (pending.size() + size - 1) / size);
        for (int b = 0; b < total; b++) {
            List<Transaction> batch = pending.subList(Math.min(pending.size(), b * size),
                    Math.min(pending.size(), (b + 1) * size));
            send(requester.id, new Message.MempoolData(batch, b + 1, total));
        }
    }

    private void onTx(Envelope env, Message.Tx m, long now) {
        if (me.light()) {
            return;
        }
        TxAdmission outcome = pool.accept(m.tx());
        if (outcome instanceof TxAdmission.Accepted) {
            emit(new P2pEvent.TxReceived(Instant.ofEpochMilli(now), m.tx().txid(), env.senderId()));
            gossip(env.forwardedBy(me.id()), env.senderId(), true);
        } else if (outcome instanceof TxAdmission.Refused refused) {
            counters.dropped("tx_refused");
        } else if (outcome instanceof TxAdmission.Invalid invalid) {
            dataOffence("invalid_tx", env.senderId(), "invalid transaction " + m.tx().txid() + ": " + invalid.reason());
        }
    }

    private void onInv(Envelope env, Message.Inv m) {
        List<Hash> wanted = new ArrayList<>();
        for (Hash h : m.blockIds()) {
            boolean have = me.light() ? chain.hasHeader(h) : chain.hasBlock(h);
            if (!have && !sync.isRequested(h)) {
                announceIds.putIfAbsent(h, env.messageId());
                wanted.add(h);
            }
        }
        if (!wanted.isEmpty() && peers.containsKey(env.senderId())) {
            send(env.senderId(), new Message.GetBlock(wanted));
        }
        if (!me.light() && !m.txIds().isEmpty() && peers.containsKey(env.senderId())) {
            List<Hash> missing = m.txIds().stream().filter(id -> !pool.contains(id)).toList();
            if (!missing.isEmpty()) {
                send(env.senderId(), new Message.GetMempool(missing));
            }
        }
    }

    private void onGetBlock(Peer requester, Message.GetBlock m) {
        long tipHeight = ourTip().height();
        for (Hash h : m.blockIds()) {
            if (requester.flags.light() || me.light()) {
                List<BlockHeader> one = headerOf(h);
                if (!one.isEmpty()) {
                    send(requester.id, new Message.BlockHeaders(one.get(0).height(), one, tipHeight));
                }
            } else {
                chain.block(h).ifPresent(b -> send(requester.id, new Message.BlockMsg(b)));
            }
        }
    }

    private List<BlockHeader> headerOf(Hash h) {
        if (!me.light()) {
            return chain.block(h).map(b -> List.of(b.header())).orElse(List.of());
        }
        if (!chain.hasHeader(h)) {
            return List.of();
        }
        TipInfo tip = chain.headerTip();
        // a light node finds the header on its best chain by walking back from the tip in batches
        for (long to = tip.height(); to >= 0; to -= 100) {
            for (BlockHeader header : chain.headers(Math.max(0, to - 99), to)) {
                if (header.hash().equals(h)) {
                    return List.of(header);
                }
            }
        }
        return List.of();
    }

    private void onBlock(String sender, Message.BlockMsg m, long now) {
        Block block = m.block();
        Hash hash = block.hash();
        if (me.light()) {
            // a light node keeps headers only
            onHeaders(sender, new Message.BlockHeaders(block.height(), List.of(block.header()), block.height()), now);
            return;
        }
        BlockPath via = sync.isRequested(hash) ? BlockPath.SYNC
                : parentRequests.remove(hash) != null ? BlockPath.PARENT
                : announceIds.containsKey(hash) ? BlockPath.INV : BlockPath.PUSH;
        sync.onBlockArrived(hash, now);
        if (!chain.hasBlock(hash)) {
            // before the submission: the node's block event and log line, sent while it connects, name the path
            arrivals.put(hash, new BlockArrival(sender, via));
        }
        ChainAccess.BlockSubmission outcome = chain.submitBlock(block);
        if (outcome instanceof ChainAccess.BlockSubmission.Accepted accepted) {
            counters.arrived(via);
            emit(new P2pEvent.BlockReceived(Instant.ofEpochMilli(now), hash, block.height(), sender,
                    accepted.tipChanged()));
            String announceId = announceIds.remove(hash);
            if (announceId != null || (accepted.tipChanged() && sync.idle())) {
                Envelope inv = new Envelope(me.id(), announceId != null ? announceId : newMessageId(),
                        new Message.Inv(List.of(hash), List.of()));
                seen.firstSight(inv.messageId());
                gossip(inv, sender, false);
            }
        } else if (outcome instanceof ChainAccess.BlockSubmission.Orphan orphan) {
            counters.arrived(via);
            long gap = block.height() - chain.blockTip().height();
            if (gap <= config.orphanParentDepth() && peers.containsKey(sender)) {
                if (!sync.isRequested(orphan.missingParent())) {
                    parentRequests.put(orphan.missingParent(), Boolean.TRUE);
                    send(sender, new Message.GetBlock(List.of(orphan.missingParent())));
                }
            } else if (peers.containsKey(sender)) {
                sync.startHeaders(sender, now);
            }
        } else if (outcome instanceof ChainAccess.BlockSubmission.Duplicate) {
            counters.dropped("duplicate_block");
        } else if (outcome instanceof ChainAccess.BlockSubmission.Invalid invalid) {
            dataOffence("invalid_block", sender, "invalid block " + hash + ": " + invalid.reason());
        }
    }

    private void onGetHeaders(Peer requester, Message.GetBlockHeaders m) {
        TipInfo tip = ourTip();
        // PROTOCOL.md: at most 100 headers; a request for more gets the first 100, and asks again
        long end = Math.min(Math.min(m.endHeight(), m.startHeight() + MessageCodec.MAX_HEADERS - 1), tip.height());
        List<BlockHeader> headers = m.startHeight() > end ? List.of() : chain.headers(m.startHeight(), end);
        send(requester.id, new Message.BlockHeaders(m.startHeight(), headers, tip.height()));
    }

    private void onHeaders(String sender, Message.BlockHeaders m, long now) {
        long before = chain.headerTip().height();
        sync.onHeaders(sender, m, now);
        if (!peers.containsKey(sender)) {
            // the sync keeps what each sender last sent; a claimed id that is no peer must not
            // leave an entry behind (it is never a download source, so nothing is lost)
            sync.forget(sender);
        }
        if (me.light() && chain.headerTip().height() > before) {
            TipInfo tip = chain.headerTip();
            emit(new P2pEvent.BlockReceived(Instant.ofEpochMilli(now), tip.hash(), tip.height(), sender, true));
        }
    }

    private void onGetLatest(Peer requester) {
        TipInfo tip = ourTip();
        List<BlockHeader> header = me.light() ? chain.headers(tip.height(), tip.height())
                : chain.block(tip.hash()).map(b -> List.of(b.header())).orElse(List.of());
        if (!header.isEmpty()) {
            send(requester.id, new Message.LatestBlock(tip.height(), tip.hash(), header.get(0)));
        }
    }

    private void onLatest(Peer peer, Message.LatestBlock m, long now) {
        if (peer == null) {
            return;
        }
        peer.announcedHeight = m.height();
        if (peer.tip == null || peer.tip.height() <= m.height()) {
            sync.onPeerTip(peer, m.height(), m.hash(), null, now);
        }
    }

    private void onRelay(Envelope env, Message.Relay m, String sender) {
        if (m.targetId().equals(me.id())) {
            handle(m.payload(), null, sender);
            return;
        }
        if (m.hopsLeft() <= 0 || !peers.containsKey(m.targetId())) {
            counters.dropped("relay_undeliverable");
            return;
        }
        Envelope onward = new Envelope(me.id(), env.messageId(),
                new Message.Relay(m.targetId(), m.payload(), m.hopsLeft() - 1));
        outbox.enqueue(m.targetId(), onward, Priority.of(m.payload().type()), clock.millis());
    }

    // ================================================================== outbound

    private void send(String peerId, Message body) {
        outbox.enqueue(peerId, envelope(body), Priority.of(body.type()), clock.millis());
    }

    private void sayHello(String peerId, boolean newNode, boolean ack) {
        Peer p = peers.get(peerId);
        if (p != null) {
            p.helloSent = true;
            p.helloSentAt = clock.millis();
        }
        send(peerId, helloBody(newNode, ack));
    }

    private Message.Hello helloBody(boolean newNode, boolean ack) {
        return new Message.Hello(me.listen().host(), me.listen().port(), me.flags(newNode), chain.genesisHash(),
                ourTip().height(), me.payoutAddress(), me.httpPort(), me.mode().wireName(), ack);
    }

    private Envelope envelope(Message body) {
        Envelope env = new Envelope(me.id(), newMessageId(), body);
        // our own messages coming back through gossip are recognised as redundant
        seen.firstSight(env.messageId());
        return env;
    }

    private String newMessageId() {
        return Envelope.messageIdOf(random.nextLong(), random.nextLong());
    }

    /** Sends to {@code fanout} random peers (full ones only for transactions), except {@code from}. */
    private void gossip(Envelope env, String from, boolean transactions) {
        List<Peer> targets = new ArrayList<>();
        for (Peer p : alivePeers()) {
            if (!p.id.equals(from) && !(transactions && p.flags.light())) {
                targets.add(p);
            }
        }
        long now = clock.millis();
        for (Peer p : pick(targets, config.fanout())) {
            outbox.enqueue(p.id, env.forwardedBy(me.id()), Priority.of(env.type()), now);
        }
    }

    /**
     * The outbox's way out: picks a route (direct, or a relay for an unreachable NATed peer).
     *
     * <p>What goes to a peer goes to its endpoint only once that endpoint is shown to be its (it
     * answered on a connection we dialled there, {@link Peer#endpointVerified}); until then it
     * goes over a live connection of the peer's own, and only greetings and pings (small, paced,
     * and how an endpoint gets verified) are dialled to an endpoint we may dial
     * ({@link Peer#dialable}). Anything else is dropped ({@code unverified_endpoint}). So an
     * answer never goes to an address a requester merely named in its HELLO.
     */
    private boolean transmit(Outbox.Item item) {
        long now = clock.millis();
        String destination = item.destination();
        Endpoint to;
        ConnectionId via = null;
        Envelope env = item.envelope();
        if (destination.startsWith(ENDPOINT_PREFIX)) {
            to = Endpoint.parse(destination.substring(ENDPOINT_PREFIX.length()));
        } else {
            Peer p = peers.get(destination);
            if (p == null) {
                if (env.type() == MessageType.GOODBYE) {
                    return true;
                }
                return false;
            }
            if (bans.isBanned(destination, now)) {
                counters.outboxDropped("banned");
                return true;
            }
            Peer hop = p;
            if (!directlyReachable(p)) {
                hop = relayFor(p, null);
                if (hop == null) {
                    return false;
                }
            }
            to = hop.endpoint;
            if (!hop.endpointVerified) {
                via = liveConnection(hop);
                boolean probe = hop == p && hop.dialable
                        && (env.type() == MessageType.HELLO || env.type() == MessageType.PING);
                if (via == null && !probe) {
                    counters.outboxDropped("unverified_endpoint");
                    return true;
                }
            }
            if (hop != p) {
                if (!(env.body() instanceof Message.Relay)) {
                    env = new Envelope(me.id(), newMessageId(), new Message.Relay(p.id, env, config.relayHops()));
                    seen.firstSight(env.messageId());
                } else if (((Message.Relay) env.body()).hopsLeft() <= 0) {
                    return false;
                }
            }
        }
        byte[] bytes = codec.encode(env);
        if (via != null) {
            if (!transport.send(via, bytes)) {
                return false;
            }
            counters.sent(env.type().name());
            return true;
        }
        counters.sent(env.type().name());
        String key = to + "|" + env.messageId();
        sentFrames.remove(key); // a resend goes to the end, so the map stays in order of time
        sentFrames.put(key, new SentFrame(item, now));
        transport.send(to, bytes);
        return true;
    }

    /** A live connection of {@code p}'s: one confirmed to speak for it if there is one. */
    private ConnectionId liveConnection(Peer p) {
        ConnectionId any = null;
        for (ConnectionId c : p.connections) {
            if (p.id.equals(connections.confirmedPeerOf(c))) {
                return c;
            }
            any = c;
        }
        return any;
    }

    /** Whether frames to {@code p} can go straight to it (else through a relay). */
    private boolean directlyReachable(Peer p) {
        if (!p.flags.nat() || !p.connections.isEmpty()) {
            return true;
        }
        return !me.localNetworkId().isEmpty() && me.localNetworkId().equals(p.flags.localNetworkId());
    }

    /** The alive, directly reachable peer with the lowest RTT that says it reaches {@code target}. */
    private Peer relayFor(Peer target, String excluded) {
        Peer best = null;
        for (Peer p : peers.values()) {
            if (p == target || p.id.equals(excluded) || !p.alive() || !p.reach.contains(target.id)
                    || !directlyReachable(p) || bans.isBanned(p.id, clock.millis())) {
                continue;
            }
            double rtt = p.rttMs < 0 ? Double.MAX_VALUE : p.rttMs;
            double bestRtt = best == null ? Double.MAX_VALUE : (best.rttMs < 0 ? Double.MAX_VALUE : best.rttMs);
            if (best == null || rtt < bestRtt) {
                best = p;
            }
        }
        return best;
    }

    /** NATed peers that hold a connection to this node, so it can relay to them. */
    private List<String> reach() {
        List<String> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.flags.nat() && !p.connections.isEmpty()) {
                out.add(p.id);
            }
        }
        return out;
    }

    // ================================================================== offences and peers

    /**
     * Whom to blame for what came on {@code connection}: the peer it speaks for, unless that is
     * unconfirmed, or the connection is one we dialled that has carried nothing well-formed yet
     * ({@link Connections#answerablePeerOf}: a stale address of the peer's, where another program
     * answered HTTP, got honest peers banned for an hour); else the connection and its host. A
     * claimed id alone is never charged: anyone can put any id in a message, and would get that
     * peer banned. What came without a connection (a relayed payload) is charged to nobody
     * ("": counted only): its claimed sender may be anyone, and the relay only passed it on.
     */
    private String culprit(ConnectionId connection, String claimed) {
        if (connection == null) {
            return "";
        }
        String bound = connections.answerablePeerOf(connection);
        return bound != null ? bound : "conn:" + connection;
    }

    /**
     * An offence found in data (a transaction, a block, headers) of the message being handled:
     * charged to the {@link #culprit} of the connection it came on, whatever id it claims. One
     * in a relayed payload, or found outside the handling of a message, is counted
     * ({@code uncharged_offence}) and logged, not charged.
     */
    private void dataOffence(String kind, String claimed, String reason) {
        if (!handling || handlingConnection == null) {
            counters.offence(kind);
            counters.dropped("uncharged_offence");
            LOG.info("[{}] {} claimed by {} came without a connection of its own (relayed): not charged", me.id(),
                    reason, claimed);
            return;
        }
        offence(culprit(handlingConnection, claimed), handlingConnection, kind, reason);
    }

    private void offence(String culprit, ConnectionId connection, String kind, String reason) {
        long now = clock.millis();
        counters.offence(kind);
        if (culprit.isEmpty()) {
            return;
        }
        if (culprit.startsWith("conn:")) {
            anonymousOffence(connection, reason, now);
            return;
        }
        Peer p = peers.get(culprit);
        Endpoint endpoint = p == null ? null : p.endpoint;
        LOG.info("[{}] offence by {}: {}", me.id(), culprit, reason);
        Optional<BanList.Ban> banned = bans.offence(culprit, endpoint, reason, now);
        // at the threshold the count is forgotten with the ban that replaces it
        emit(new P2pEvent.OffenceCounted(Instant.ofEpochMilli(now), culprit, kind, reason,
                banned.isPresent() ? config.banThreshold() : bans.offences(culprit)));
        banned.ifPresent(ban -> {
            if (connection != null) {
                transport.close(connection);
            }
            enforce(ban, p, now);
        });
    }

    /** A ban takes effect: said, its peer's connections closed, the peer out of the table. */
    private void enforce(BanList.Ban ban, Peer p, long now) {
        LOG.warn("[{}] banned {} until {}: {}", me.id(), ban.peerId(), Instant.ofEpochMilli(ban.until()), ban.reason());
        emit(new P2pEvent.PeerBanned(Instant.ofEpochMilli(now), ban.peerId(), ban.reason(),
                Instant.ofEpochMilli(ban.until())));
        if (p != null) {
            for (ConnectionId c : List.copyOf(p.connections)) {
                transport.close(c);
            }
        }
        removePeer(ban.peerId(), "banned", now);
        published = snapshot();
    }

    /**
     * The operator bans peer {@code id} for {@code duration} ({@code POST /blacklist}): as a ban
     * at the offence threshold, with no offence needed. Its messages are dropped, nothing is sent
     * to it, its connections close and it leaves the table. A lab splits a running network this
     * way and heals it with {@link #unban}. The peer's endpoint is banned too when it is known. A
     * peer banned already (for its offences) keeps that ban: a partition's heal would otherwise
     * lift a malicious peer's ban with its own.
     *
     * @return the ban in force on it now: this one, or the one it had
     */
    public BanSnapshot banByOperator(String id, Duration duration, String reason) {
        long now = clock.millis();
        BanList.Ban ban = bans.banOf(id, now).orElseGet(() -> {
            Peer p = peers.get(id);
            BanList.Ban placed = bans.banNow(id, p == null ? null : p.endpoint, reason, now + duration.toMillis());
            enforce(placed, p, now);
            return placed;
        });
        return ban.snapshot();
    }

    /**
     * An offence on a connection that has not said who it is: charged to the host it comes from
     * (PROTOCOL.md: "against the sender's address"), which is banned at the threshold, its
     * unidentified connections closed and new ones refused. A loopback host is never banned, as
     * Bitcoin Core never discourages a local peer: the nodes of a local cluster that listen on
     * 127.0.0.1 or on every address all connect from it. Either way the connection itself is
     * closed at its third offence.
     */
    private void anonymousOffence(ConnectionId connection, String reason, long now) {
        Endpoint remote = connections.remote(connection);
        LOG.info("[{}] offence by an unidentified connection from {}: {}", me.id(), remote == null ? "?" : remote,
                reason);
        if (remote != null && !isLoopback(remote.host())) {
            bans.hostOffence(remote.host(), reason, now).ifPresent(ban -> {
                LOG.warn("[{}] banned host {} until {}: {}", me.id(), ban.host(), Instant.ofEpochMilli(ban.until()),
                        reason);
                connections.anonymousInboundFrom(ban.host()).forEach(transport::close);
            });
        }
        if (connections.offence(connection) >= config.banThreshold()) {
            transport.close(connection);
        }
    }

    private static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
                || host.equalsIgnoreCase("localhost");
    }

    private void removePeer(String id, String reason, long now) {
        Peer p = peers.remove(id);
        if (p == null) {
            return;
        }
        outbox.purge(id, "peer_removed");
        sync.forget(id);
        emit(new P2pEvent.PeerLeft(Instant.ofEpochMilli(now), id, reason));
    }

    private List<Peer> alivePeers() {
        List<Peer> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.alive()) {
                out.add(p);
            }
        }
        return out;
    }

    private List<Peer> fullAlivePeers() {
        List<Peer> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.alive() && !p.flags.light()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Up to {@code n} distinct peers drawn at random (deterministic given the generator). */
    private List<Peer> pick(List<Peer> from, int n) {
        List<Peer> copy = new ArrayList<>(from);
        List<Peer> out = new ArrayList<>();
        while (out.size() < n && !copy.isEmpty()) {
            out.add(copy.remove(random.nextInt(copy.size())));
        }
        return out;
    }

    private TipInfo ourTip() {
        return me.light() ? chain.headerTip() : chain.blockTip();
    }

    private void emit(P2pEvent event) {
        for (P2pEventListener l : listeners) {
            l.onEvent(event);
        }
    }

    private final class SyncNetwork implements ChainSync.Network {
        @Override
        public void request(String peerId, Message message) {
            send(peerId, message);
        }

        @Override
        public List<Peer> sources() {
            return fullAlivePeers();
        }

        @Override
        public List<Peer> alive() {
            return alivePeers();
        }

        @Override
        public void dropped(String cause) {
            counters.dropped(cause);
        }

        @Override
        public void offence(String peerId, String reason) {
            // ChainSync names the claimed sender; the blame goes where the headers came from
            dataOffence("invalid_headers", peerId, reason);
        }
    }

    // ================================================================== snapshots

    /** A fresh snapshot (event-loop thread). */
    public NetworkSnapshot snapshot() {
        long now = clock.millis();
        List<PeerSnapshot> list = new ArrayList<>();
        Map<String, Double> latency = new TreeMap<>();
        for (Peer p : peers.values()) {
            String relay = "";
            if (!directlyReachable(p)) {
                Peer r = relayFor(p, null);
                relay = r == null ? "?" : r.id;
            }
            list.add(new PeerSnapshot(p.id, p.endpoint.host(), p.endpoint.port(), p.status.name(), p.flags.nat(),
                    p.flags.light(), p.rttMs, relay, p.mode, p.lastSeen < 0 ? null : Instant.ofEpochMilli(p.lastSeen),
                    p.address, p.httpPort, p.height()));
            if (p.rttMs >= 0) {
                latency.put(p.id, p.rttMs);
            }
        }
        return new NetworkSnapshot(Instant.ofEpochMilli(now), list, latency, outbox.capacity(), outbox.snapshot(),
                bans.snapshot(), sync.progress(now), counters.snapshot());
    }

    /** The last published snapshot: safe from any thread. */
    /**
     * Which peer sent {@code hash} and by which path, for the last 1,000 blocks received (loop
     * thread; empty for a block mined here or one long gone).
     */
    public Optional<BlockArrival> arrivalOf(Hash hash) {
        return Optional.ofNullable(arrivals.get(hash));
    }

    public NetworkSnapshot published() {
        return published;
    }

    /** Sync progress now (event-loop thread). */
    public SyncProgress syncProgress() {
        return sync.progress(clock.millis());
    }

    /** Ids of the peers known now, in table order (event-loop thread). */
    public Set<String> peerIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(peers.keySet()));
    }

    /**
     * Entries the engine holds about senders (peer table, open connections, offence and ban
     * records, departures, pending greetings): bounded by the table size and the open
     * connections, whatever ids senders claim. For tests of those bounds (event-loop thread).
     */
    int senderStateSize() {
        return peers.size() + connections.size() + bans.tracked() + departed.size() + toGreet.size();
    }

    /** True once a graceful leave has finished (or never started and the engine was stopped). */
    public boolean stopped() {
        return state == State.STOPPED;
    }
}
