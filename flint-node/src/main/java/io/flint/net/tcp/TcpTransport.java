package io.flint.net.tcp;

import io.flint.net.Frames;
import io.flint.net.tcp.FrameDecoder.BadFrame;
import io.flint.net.tcp.FrameDecoder.OverBudget;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.Transport;
import io.flint.p2p.transport.TransportListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transport} of a real node: PROTOCOL.md's framing (4-byte unsigned big-endian
 * length, then that many bytes of UTF-8) over persistent TCP connections, on Netty.
 *
 * <ul>
 *   <li><b>One server socket</b> on the endpoint given to {@link #start} (port 0: any free
 *       port; {@link #localEndpoint()} tells which).
 *   <li><b>Reuse before dialling.</b> {@link #send(Endpoint, byte[])} writes on a live
 *       connection bound to that endpoint (the one this node opened, or an inbound one the
 *       engine {@link #bind bound} after the peer's HELLO); only when there is none does it
 *       dial, queueing frames until the connection is up. At most one dial per endpoint runs.
 *   <li><b>Backoff.</b> A failed dial fails its queued frames and, for {@code initialBackoff}
 *       doubling up to {@code maxBackoff}, makes sends to that endpoint fail at once through
 *       {@code onSendFailed} without dialling; a successful connection resets it. The transport
 *       never reconnects on its own: the engine's outbox decides whether to try again.
 *   <li><b>Bounded memory.</b> Frames waiting to be written to one peer (or queued for its
 *       dial) may total {@code writeBufferLimitBytes}; beyond that a frame fails. Incoming
 *       frames are limited to {@code maxFrameBytes}, judged from the length prefix alone.
 *   <li><b>Limits on remote sides</b> ({@link ConnectionLimits}). At most {@code maxInbound}
 *       inbound connections, and {@code maxInboundPerHost} from one address (by default not
 *       counting connections from this machine); one more is closed as soon as it is
 *       accepted, counted, and summed up in the log at most once a minute. An inbound
 *       connection that delivers no frame within {@code firstFrameTimeout}, or any connection
 *       whose frame stalls (no byte for {@code frameTimeout}, or slower than
 *       {@code minFrameBytesPerSecond} once older than {@code frameTimeout}), is closed
 *       by a watchdog; silence between frames is not (the engine's pings keep peers talking),
 *       nor is the time reading was paused (below). Incomplete frames across all connections
 *       hold at most {@code incompleteFrameBudgetBytes}; the connection whose frame would
 *       exceed it is closed. None of these closes reports a bad frame: the engine sees only a
 *       disconnect, so an honest peer caught by a limit is not charged an offence.
 *   <li><b>Backpressure.</b> {@link #pauseReading} stops reading from every connection (new
 *       ones too) until resumed, so that a node whose event loop falls behind is not buried
 *       in frames it cannot handle; the peers' TCP windows fill and they wait.
 *   <li><b>Bad frames.</b> A zero or over-limit length, or a payload that is not UTF-8,
 *       closes that connection and is reported once through {@code onBadFrame}; the node keeps
 *       serving everyone else.
 * </ul>
 *
 * <p><b>NAT.</b> Whether a connecting peer is in this node's local network cannot be told from
 * the socket (on a loopback cluster everyone is 127.0.0.x), so this transport accepts every
 * connection. A node configured as NATed enforces it in the engine with
 * {@link io.flint.p2p.transport.InboundFilter}: on the first frame of an inbound connection,
 * once the peer has said who it is, the engine consults the filter and calls
 * {@link #close(ConnectionId)} if it refuses. Connections the NATed node opens itself work both
 * ways, as behind a real NAT.
 *
 * <p><b>Threads.</b> Listener callbacks run on Netty I/O threads (the node posts them to its
 * event loop and returns). Given a shared {@link NettyResources}, the transport creates no
 * threads of its own; without one it creates a single I/O thread and stops it on
 * {@link #close()}. All methods are thread-safe; {@code send}, {@code bind} and
 * {@code close(ConnectionId)} never block. {@link #start} and {@link #close()} wait for the
 * socket operations they start, so they must not be called from an I/O thread (a listener
 * callback). After {@link #close()} no callback arrives.
 */
public final class TcpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    private static final long CLOSE_WAIT_SECONDS = 5;
    /** Refused connections are summed up in the log at most this often. */
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofMinutes(1);

    private final TcpConfig config;
    private final Clock clock;
    private final NettyResources resources;
    private final boolean ownsResources;
    private final AtomicLong nextConnectionId = new AtomicLong(1);
    private final AtomicLong dialAttempts = new AtomicLong();
    private final FrameBudget frameBudget;
    private final AtomicLong refusedInboundLimit = new AtomicLong();
    private final AtomicLong refusedHostLimit = new AtomicLong();
    private final AtomicLong closedNoFirstFrame = new AtomicLong();
    private final AtomicLong closedStalledFrame = new AtomicLong();
    private final AtomicLong closedOverBudget = new AtomicLong();
    private final AtomicLong evictedInbound = new AtomicLong();

    private final Object lock = new Object();
    // guarded by lock
    private final Map<ConnectionId, TcpConnection> connections = new LinkedHashMap<>();
    private final Map<Endpoint, DialState> dials = new HashMap<>();
    private volatile TransportListener listener;
    private Channel server;
    private Endpoint local;
    private ScheduledFuture<?> watchdog;
    private boolean readingPaused;
    /** When reading last resumed (clock millis): time paused is not a peer's delay. */
    private long resumedAt = Long.MIN_VALUE;
    private long refusedSinceLog;
    private Instant refusalLoggedAt;
    private volatile boolean closed;

    /** A transport with its own single I/O thread, stopped by {@link #close()}. */
    public TcpTransport(TcpConfig config, Clock clock) {
        this(config, clock, NettyResources.create(1), true);
    }

    /** A transport on shared I/O threads, which it leaves running when closed. */
    public TcpTransport(TcpConfig config, Clock clock, NettyResources shared) {
        this(config, clock, shared, false);
    }

    private TcpTransport(TcpConfig config, Clock clock, NettyResources resources, boolean ownsResources) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.ownsResources = ownsResources;
        this.frameBudget = new FrameBudget(config.limits().incompleteFrameBudgetBytes());
    }

    @Override
    public void start(Endpoint listen, TransportListener transportListener) {
        Objects.requireNonNull(transportListener, "listener");
        synchronized (lock) {
            if (listener != null || closed) {
                throw new IllegalStateException("transport already started");
            }
            listener = transportListener;
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(resources.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(pipeline(null));
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(listen.host(), listen.port()));
        bound.awaitUninterruptibly();
        if (!bound.isSuccess()) {
            synchronized (lock) {
                listener = null; // not started: the caller may try another endpoint
            }
            throw new IllegalStateException("cannot listen on " + listen + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        Duration check = watchdogPeriod(config.limits());
        synchronized (lock) {
            server = bound.channel();
            local = new Endpoint(listen.host(), ((InetSocketAddress) server.localAddress()).getPort());
            watchdog = resources.group().scheduleAtFixedRate(this::closeStalled, check.toMillis(), check.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.debug("listening on {}", local);
    }

    @Override
    public Endpoint localEndpoint() {
        synchronized (lock) {
            if (local == null) {
                throw new IllegalStateException("transport not started");
            }
            return local;
        }
    }

    /** Dials started so far (successful or not): what backoff keeps low for a dead endpoint. */
    public long dialAttempts() {
        return dialAttempts.get();
    }

    /** What the connection limits have done so far, and what is open now. */
    public TcpStats stats() {
        synchronized (lock) {
            int inbound = 0;
            for (TcpConnection connection : connections.values()) {
                if (connection.id.inbound()) {
                    inbound++;
                }
            }
            return new TcpStats(inbound, connections.size() - inbound, refusedInboundLimit.get(),
                    refusedHostLimit.get(), closedNoFirstFrame.get(), closedStalledFrame.get(), closedOverBudget.get(),
                    evictedInbound.get(), frameBudget.held(), readingPaused);
        }
    }

    /**
     * Stops ({@code true}) or resumes ({@code false}) reading from every connection, including
     * those opened while paused. Frames already read are still delivered; writing goes on.
     */
    public void pauseReading(boolean paused) {
        synchronized (lock) {
            if (readingPaused == paused) {
                return;
            }
            readingPaused = paused;
            if (!paused) {
                resumedAt = clock.millis();
            }
            for (TcpConnection connection : connections.values()) {
                connection.channel.config().setAutoRead(!paused);
            }
        }
        LOG.debug("{} reading from {}", paused ? "paused" : "resumed", local);
    }

    /** This transport's settings. */
    public TcpConfig config() {
        return config;
    }

    @Override
    public void send(Endpoint to, byte[] payload) {
        Objects.requireNonNull(to, "to");
        Optional<String> badLength = Frames.lengthProblem(payload.length, config.maxFrameBytes());
        if (badLength.isPresent()) {
            failLater(to, payload, badLength.get());
            return;
        }
        synchronized (lock) {
            requireStarted();
            if (closed) {
                return;
            }
            TcpConnection live = boundConnection(to);
            if (live != null) {
                write(live, payload);
                return;
            }
            DialState state = dials.computeIfAbsent(to, endpoint -> new DialState());
            if (!state.dialInProgress) {
                Instant now = clock.instant();
                if (state.retryAt != null && now.isBefore(state.retryAt)) {
                    failLater(to, payload, "not dialling " + to + " for another "
                            + Duration.between(now, state.retryAt).toMillis() + " ms after "
                            + state.failures + " failed attempt(s)");
                    return;
                }
            }
            long frameBytes = (long) payload.length + Frames.LENGTH_PREFIX_BYTES;
            if (state.queuedBytes + frameBytes > config.writeBufferLimitBytes()) {
                failLater(to, payload, "write buffer for " + to + " is full (" + state.queuedBytes
                        + " bytes queued while connecting)");
                return;
            }
            state.queued.add(payload);
            state.queuedBytes += frameBytes;
            if (!state.dialInProgress) {
                dial(to, state);
            }
        }
    }

    @Override
    public boolean send(ConnectionId connection, byte[] payload) {
        TcpConnection target;
        synchronized (lock) {
            target = connections.get(connection);
        }
        if (closed || target == null || !target.channel.isActive()) {
            return false;
        }
        Optional<String> badLength = Frames.lengthProblem(payload.length, config.maxFrameBytes());
        if (badLength.isPresent()) {
            failLater(target.destination(), payload, badLength.get());
            return true;
        }
        write(target, payload);
        return true;
    }

    /**
     * {@inheritDoc} Only inbound connections can be bound; an outbound one stays bound to the
     * endpoint it dialled.
     */
    @Override
    public void bind(ConnectionId connection, Endpoint peerListen) {
        Objects.requireNonNull(peerListen, "peerListen");
        synchronized (lock) {
            TcpConnection target = connections.get(connection);
            if (target != null && connection.inbound()) {
                target.bound = peerListen;
            }
        }
    }

    @Override
    public void close(ConnectionId connection) {
        TcpConnection target;
        synchronized (lock) {
            target = connections.get(connection);
        }
        if (target != null) {
            target.closeReason = "closed locally";
            target.channel.close();
        }
    }

    @Override
    public Set<Endpoint> connectedEndpoints() {
        synchronized (lock) {
            Set<Endpoint> result = new LinkedHashSet<>();
            for (TcpConnection connection : connections.values()) {
                if (connection.bound != null && connection.channel.isActive()) {
                    result.add(connection.bound);
                }
            }
            return Set.copyOf(result);
        }
    }

    @Override
    public void close() {
        List<Channel> channels = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (server != null) {
                channels.add(server);
            }
            for (TcpConnection connection : connections.values()) {
                channels.add(connection.channel);
            }
            for (DialState state : dials.values()) {
                if (state.dialChannel != null) {
                    channels.add(state.dialChannel);
                }
            }
            connections.clear();
            dials.clear();
        }
        for (Channel channel : channels) {
            channel.close();
        }
        for (Channel channel : channels) {
            channel.closeFuture().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (ownsResources) {
            resources.close();
        }
        LOG.debug("closed {}", local);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "TcpTransport[" + (local == null ? "unstarted" : local) + (closed ? ", closed" : "")
                    + ", " + connections.size() + " connections]";
        }
    }

    // ---- internals ----

    private void requireStarted() {
        if (listener == null) {
            throw new IllegalStateException("transport not started");
        }
    }

    /** A live connection bound to {@code to}, preferring the one this node opened. Under the lock. */
    private TcpConnection boundConnection(Endpoint to) {
        TcpConnection inbound = null;
        for (TcpConnection connection : connections.values()) {
            if (to.equals(connection.bound) && connection.channel.isActive()) {
                if (!connection.id.inbound()) {
                    return connection;
                }
                if (inbound == null) {
                    inbound = connection;
                }
            }
        }
        return inbound;
    }

    /**
     * The address a dial from a node listening on {@code listen} to {@code to} goes out from: on
     * loopback, where distinct 127.0.0.x addresses stand in for hosts, the node's own, so the far
     * end sees which node connected (every dial came from 127.0.0.1 and a node's first offences
     * were an "unidentified connection from 127.0.0.1"); elsewhere whatever the route gives, as
     * the listening address may not reach the peer.
     */
    static Optional<InetSocketAddress> loopbackSource(Endpoint listen, Endpoint to) {
        // IPv4 on both ends: a socket bound to 127.0.0.x cannot reach ::1
        if (listen == null || listen.host().equals("127.0.0.1") || !ipv4Loopback(listen.host())
                || !ipv4Loopback(to.host())) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(listen.host(), 0));
    }

    private static boolean ipv4Loopback(String host) {
        return ConnectionLimits.isLoopback(host) && !host.contains(":");
    }

    /** Starts a dial to {@code to}. Under the lock. */
    private void dial(Endpoint to, DialState state) {
        state.dialInProgress = true;
        dialAttempts.incrementAndGet();
        Bootstrap bootstrap = new Bootstrap()
                .group(resources.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true) // the OS eventually drops a vanished peer
                .handler(pipeline(to));
        // unresolved: a host name is looked up on the I/O thread, never on the caller's
        InetSocketAddress remote = InetSocketAddress.createUnresolved(to.host(), to.port());
        ChannelFuture connecting = loopbackSource(local, to).map(source -> bootstrap.connect(remote, source))
                .orElseGet(() -> bootstrap.connect(remote));
        if (state.dialInProgress) {
            state.dialChannel = connecting.channel();
        }
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                dialFailed(to, state, done.cause());
            }
        });
    }

    private void dialFailed(Endpoint to, DialState state, Throwable cause) {
        List<byte[]> lost;
        String reason;
        synchronized (lock) {
            if (closed || dials.get(to) != state) {
                return;
            }
            state.dialInProgress = false;
            state.dialChannel = null;
            state.failures++;
            Duration wait = config.backoffAfter(state.failures);
            state.retryAt = clock.instant().plus(wait);
            lost = state.takeQueued();
            reason = "cannot connect to " + to + ": " + describe(cause) + " (attempt " + state.failures
                    + ", next in " + wait.toMillis() + " ms)";
        }
        LOG.debug("{}", reason);
        for (byte[] frame : lost) {
            tell(l -> l.onSendFailed(to, frame, reason));
        }
    }

    /** A connection became active: register it and, for a dial, send what waited for it. */
    private TcpConnection opened(Channel channel, Endpoint dialled, FrameDecoder decoder) {
        boolean inbound = dialled == null;
        Endpoint remote = inbound ? endpointOf((InetSocketAddress) channel.remoteAddress()) : dialled;
        TcpConnection connection = new TcpConnection(new ConnectionId(nextConnectionId.getAndIncrement(), inbound),
                channel, remote, dialled, decoder, clock.millis());
        TcpConnection evicted = null;
        synchronized (lock) {
            if (closed) {
                channel.close();
                return null;
            }
            if (inbound) {
                String localHost = endpointOf((InetSocketAddress) channel.localAddress()).host();
                evicted = evictionFor(remote.host(), localHost);
                if (evicted == null && !admitInbound(remote.host(), localHost)) {
                    channel.close();
                    return null;
                }
            }
            if (readingPaused) {
                channel.config().setAutoRead(false);
            }
            connections.put(connection.id, connection);
            if (!inbound) {
                DialState state = dials.remove(dialled);
                if (state != null) {
                    state.dialInProgress = false;
                    state.dialChannel = null;
                    for (byte[] frame : state.takeQueued()) {
                        write(connection, frame);
                    }
                }
            }
        }
        if (evicted != null) {
            LOG.info("{}: evicted inbound {} from {} for a connection from {}: {}", local, evicted.id, evicted.remote,
                    remote.host(), evicted.closeReason);
            evicted.channel.close();
        }
        tell(l -> l.onConnected(connection.id, remote));
        return connection;
    }

    /**
     * When every inbound slot is taken: the connection to close so that one from {@code host} fits,
     * or null to refuse the newcomer instead. The victim is the newest connection of the host with
     * the most inbound connections, if that host would still have more than {@code host} with the
     * newcomer (Bitcoin Core evicts from the largest network group the same way). So whoever holds
     * the slots from a few addresses cannot keep out a host with fewer, while a local cluster,
     * every node on 127.0.0.1, never evicts its own. Under the lock; marks and counts the victim.
     */
    private TcpConnection evictionFor(String host, String localHost) {
        ConnectionLimits limits = config.limits();
        Map<String, List<TcpConnection>> byHost = new HashMap<>();
        int inbound = 0;
        for (TcpConnection open : connections.values()) {
            if (open.id.inbound() && open.closeReason == null) {
                inbound++;
                byHost.computeIfAbsent(open.remote.host(), h -> new ArrayList<>()).add(open);
            }
        }
        if (inbound < limits.maxInbound()) {
            return null;
        }
        int newcomerHost = byHost.getOrDefault(host, List.of()).size() + 1;
        List<TcpConnection> largest = List.of();
        for (List<TcpConnection> fromOneHost : byHost.values()) {
            if (fromOneHost.size() > largest.size()) {
                largest = fromOneHost;
            }
        }
        if (largest.size() <= newcomerHost
                || (newcomerHost > limits.maxInboundPerHost() && limits.limitsHost(host, localHost))) {
            return null; // refused as before, by admitInbound
        }
        TcpConnection newest = largest.get(0);
        for (TcpConnection candidate : largest) {
            if (candidate.id.value() > newest.id.value()) {
                newest = candidate;
            }
        }
        newest.closeReason = "evicted: all " + limits.maxInbound() + " inbound slots taken, " + largest.size()
                + " of them from " + newest.remote.host();
        evictedInbound.incrementAndGet();
        return newest;
    }

    /**
     * Whether the limits leave room for one more inbound connection from {@code host} (to this
     * node's {@code localHost}); counts a refusal. Under the lock.
     */
    private boolean admitInbound(String host, String localHost) {
        ConnectionLimits limits = config.limits();
        int inbound = 0;
        int fromHost = 0;
        for (TcpConnection open : connections.values()) {
            if (open.id.inbound()) {
                inbound++;
                if (open.remote.host().equals(host)) {
                    fromHost++;
                }
            }
        }
        String refusal;
        if (inbound >= limits.maxInbound()) {
            refusedInboundLimit.incrementAndGet();
            refusal = inbound + " inbound connections open (the limit)";
        } else if (fromHost >= limits.maxInboundPerHost() && limits.limitsHost(host, localHost)) {
            refusedHostLimit.incrementAndGet();
            refusal = fromHost + " inbound connections open from " + host + " (the per-host limit)";
        } else {
            return true;
        }
        // an attacker opens thousands: one summary a minute, not a line each
        refusedSinceLog++;
        Instant now = clock.instant();
        if (refusalLoggedAt == null || !now.isBefore(refusalLoggedAt.plus(REFUSAL_LOG_INTERVAL))) {
            LOG.warn("{}: refused {} inbound connection(s) since the last report; latest from {}: {}",
                    local, refusedSinceLog, host, refusal);
            refusedSinceLog = 0;
            refusalLoggedAt = now;
        }
        return false;
    }

    /** The watchdog, on an I/O thread: closes connections that hold a frame too long or never send one. */
    private void closeStalled() {
        ConnectionLimits limits = config.limits();
        long now = clock.millis();
        List<TcpConnection> stalled = new ArrayList<>();
        synchronized (lock) {
            if (closed || readingPaused) {
                return; // a frame cannot arrive while this side does not read
            }
            for (TcpConnection connection : connections.values()) {
                if (connection.closeReason != null) {
                    continue; // closing already: counted once, by whoever closed it
                }
                String late = lateFrame(connection.decoder, limits, now);
                if (late != null) {
                    connection.closeReason = late;
                    closedStalledFrame.incrementAndGet();
                    stalled.add(connection);
                } else if (connection.id.inbound() && !connection.decoder.anyFrame()
                        && now - Math.max(connection.openedAt, resumedAt) > limits.firstFrameTimeout().toMillis()) {
                    connection.closeReason = "no frame within " + limits.firstFrameTimeout().toMillis()
                            + " ms of connecting";
                    closedNoFirstFrame.incrementAndGet();
                    stalled.add(connection);
                }
            }
        }
        for (TcpConnection connection : stalled) {
            LOG.debug("closing {} from {}: {}", connection.id, connection.remote, connection.closeReason);
            connection.channel.close();
        }
    }

    /**
     * Why a connection's incomplete frame is too late, or null: no byte of it for the frame
     * timeout, or older than the frame timeout plus its bytes at the slowest allowed rate. Time
     * while this side did not read does not count.
     */
    private String lateFrame(FrameDecoder decoder, ConnectionLimits limits, long now) {
        long since = decoder.incompleteSince();
        long last = decoder.lastByteAt();
        if (since == FrameDecoder.NONE || last == FrameDecoder.NONE) {
            return null;
        }
        long quiet = now - Math.max(last, resumedAt);
        if (quiet > limits.frameTimeout().toMillis()) {
            return "no byte of a started frame for " + limits.frameTimeout().toMillis() + " ms";
        }
        long bytes = decoder.incompleteBytes();
        long age = now - Math.max(since, resumedAt);
        if (age > limits.frameAllowanceMillis(bytes)) {
            return "a frame arrived slower than " + limits.minFrameBytesPerSecond() + " bytes/s (" + bytes
                    + " bytes in " + age + " ms)";
        }
        return null;
    }

    /** Checks often enough that a limit is overrun by at most a quarter, and at least every 5 s. */
    private static Duration watchdogPeriod(ConnectionLimits limits) {
        Duration shortest = limits.frameTimeout().compareTo(limits.firstFrameTimeout()) < 0
                ? limits.frameTimeout() : limits.firstFrameTimeout();
        long millis = Math.max(10, Math.min(5_000, shortest.toMillis() / 4));
        return Duration.ofMillis(millis);
    }

    private void disconnected(TcpConnection connection, String reason) {
        synchronized (lock) {
            connections.remove(connection.id);
        }
        tell(l -> l.onDisconnected(connection.id, connection.remote, reason));
    }

    /** Queues one frame for the peer's I/O thread, unless the peer's write buffer is full. */
    private void write(TcpConnection connection, byte[] payload) {
        long frameBytes = (long) payload.length + Frames.LENGTH_PREFIX_BYTES;
        long pending = connection.pendingBytes.addAndGet(frameBytes);
        if (pending > config.writeBufferLimitBytes()) {
            connection.pendingBytes.addAndGet(-frameBytes);
            failLater(connection.destination(), payload, "write buffer for " + connection.destination()
                    + " is full (" + (pending - frameBytes) + " bytes not yet written)");
            return;
        }
        connection.outbox.add(payload);
        if (connection.drainScheduled.compareAndSet(false, true)) {
            try {
                connection.channel.eventLoop().execute(() -> drain(connection));
            } catch (RejectedExecutionException shuttingDown) {
                connection.drainScheduled.set(false);
                LOG.debug("I/O threads stopped; {} frames to {} dropped", connection.outbox.size(), connection.id);
            }
        }
    }

    /** On the connection's I/O thread: writes every queued frame, then flushes once. */
    private void drain(TcpConnection connection) {
        // cleared before polling: a frame queued after this point schedules a new drain
        connection.drainScheduled.set(false);
        Channel channel = connection.channel;
        byte[] payload;
        while ((payload = connection.outbox.poll()) != null) {
            byte[] frameBody = payload;
            long frameBytes = (long) frameBody.length + Frames.LENGTH_PREFIX_BYTES;
            ByteBuf frame = channel.alloc().buffer((int) frameBytes);
            frame.writeInt(frameBody.length).writeBytes(frameBody);
            channel.write(frame).addListener(written -> {
                connection.pendingBytes.addAndGet(-frameBytes);
                if (!written.isSuccess()) {
                    tell(l -> l.onSendFailed(connection.destination(), frameBody,
                            "connection to " + connection.destination() + " lost before the frame was written: "
                                    + describe(written.cause())));
                }
            });
        }
        channel.flush();
    }

    /** Reports a failure from an I/O thread, not from inside the caller's {@code send}. */
    private void failLater(Endpoint to, byte[] payload, String reason) {
        try {
            resources.group().next().execute(() -> tell(l -> l.onSendFailed(to, payload, reason)));
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("dropped a send failure while shutting down: {}", reason);
        }
    }

    private void tell(Consumer<TransportListener> call) {
        TransportListener target = listener;
        if (!closed && target != null) {
            call.accept(target);
        }
    }

    private ChannelInitializer<Channel> pipeline(Endpoint dialled) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                FrameDecoder decoder = new FrameDecoder(config.maxFrameBytes(), frameBudget, clock);
                channel.pipeline().addLast(decoder, new Events(dialled, decoder));
            }
        };
    }

    private static Endpoint endpointOf(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return new Endpoint(host, address.getPort());
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** What happens on one channel, in Netty's order: active, frames, inactive. */
    private final class Events extends ChannelInboundHandlerAdapter {
        private final Endpoint dialled;
        private final FrameDecoder decoder;
        private TcpConnection connection;

        Events(Endpoint dialled, FrameDecoder decoder) {
            this.dialled = dialled;
            this.decoder = decoder;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connection = opened(ctx.channel(), dialled, decoder);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (connection == null) {
                return;
            }
            if (message instanceof byte[] payload) {
                tell(l -> l.onFrame(connection.id, connection.remote, payload));
            } else if (message instanceof BadFrame bad) {
                connection.closeReason = "bad frame: " + bad.reason();
                tell(l -> l.onBadFrame(connection.id, connection.remote, bad.reason()));
                ctx.close();
            } else if (message instanceof OverBudget over) {
                connection.closeReason = over.reason();
                closedOverBudget.incrementAndGet();
                LOG.debug("closing {} from {}: {}", connection.id, connection.remote, over.reason());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (connection != null) {
                String reason = connection.closeReason;
                disconnected(connection, reason != null ? reason : "closed by peer");
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (connection != null && connection.closeReason == null) {
                connection.closeReason = "connection error: " + describe(cause);
            }
            if (cause instanceof java.io.IOException) {
                LOG.debug("connection {} failed: {}", connection == null ? ctx.channel() : connection.id,
                        describe(cause));
            } else {
                LOG.warn("closing connection {} after an error", connection == null ? ctx.channel() : connection.id,
                        cause);
            }
            ctx.close();
        }
    }
}
