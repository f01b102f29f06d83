package io.flint.net.memory;

import io.flint.net.Frames;
import io.flint.net.memory.MemoryConnection.Dial;
import io.flint.net.memory.MemoryConnection.InFlight;
import io.flint.net.memory.MemoryConnection.Kind;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A simulated network of {@link MemoryTransport}s that find each other by {@link Endpoint}.
 * Deterministic: every delivery goes through the injected {@link Scheduler} and every random
 * choice (jitter, loss) comes from the injected {@link RandomGenerator}, drawn only when a knob
 * that needs it is on; so one seed and one sequence of calls give one history.
 *
 * <p>Connections are modelled as on TCP: a dial takes one link delay to reach the listener
 * (which sees the connection then) and one more back (when the dialer sees it); frames sent
 * meanwhile wait for it; frames on one connection arrive in order; a close arrives after the
 * frames sent before it.
 *
 * <p>Knobs, all off by default:
 * <ul>
 *   <li>{@link #setDefaultConditions} / {@link #setConditions}: latency, jitter and loss, for
 *       every link or one pair of endpoints (loss drops whole frames, as the base network's
 *       link simulator did; the connection stays up).
 *   <li>{@link #partition}: two sets of endpoints that cannot reach each other until
 *       {@link #healPartitions}. Silent, like a cut cable: frames across it are lost, dials
 *       across it time out, connections stay open, so only liveness checks (PING) notice.
 *   <li>{@link #setDown}: a crashed node. Its connections are reset (peers get
 *       onDisconnected), frames in flight to or from it are lost, dials to it are refused, it
 *       sends nothing and hears nothing. Brought back up, it starts with no connections.
 *   <li>{@link #setNat}: the endpoint is behind NAT in a local network; it accepts new
 *       connections only from endpoints of that local network (dials from elsewhere time out),
 *       while connections it opens carry frames both ways. {@link #setLocalNetwork} puts a
 *       non-NATed endpoint in a local network too.
 * </ul>
 *
 * <p>Thread-safe (one lock for the whole network); listener callbacks run from scheduler
 * tasks while that lock is held, so a listener may call back into its transport but must not
 * block.
 */
public final class MemoryNetwork {

    /** How long a dial waits for an answer before failing (virtual time). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Ports handed out for {@code start(host:0)}: far from the protocol's 5000s. */
    private static final int FIRST_LISTEN_PORT = 20_000;
    /** Ports a dialer appears to come from: the IANA ephemeral range. */
    private static final int FIRST_EPHEMERAL_PORT = 49_152;

    private record Link(Endpoint a, Endpoint b) {
        static Link of(Endpoint x, Endpoint y) {
            return x.toString().compareTo(y.toString()) <= 0 ? new Link(x, y) : new Link(y, x);
        }
    }

    private record Partition(Set<Endpoint> sideA, Set<Endpoint> sideB) {
        boolean separates(Endpoint x, Endpoint y) {
            return sideA.contains(x) && sideB.contains(y) || sideB.contains(x) && sideA.contains(y);
        }
    }

    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final int defaultMaxFrameBytes;
    private final Duration connectTimeout;

    private final Map<Endpoint, MemoryTransport> listening = new HashMap<>();
    private final Map<Link, LinkConditions> linkConditions = new HashMap<>();
    private final List<Partition> partitions = new ArrayList<>();
    private final Set<Endpoint> down = new HashSet<>();
    private final Set<Endpoint> natted = new HashSet<>();
    private final Map<Endpoint, String> localNetworks = new HashMap<>();
    private LinkConditions defaultConditions = LinkConditions.PERFECT;
    private long nextConnectionId = 1;
    private int nextListenPort = FIRST_LISTEN_PORT;
    private int nextEphemeralPort = FIRST_EPHEMERAL_PORT;
    private long framesDelivered;
    private long framesLost;

    /** A network with the protocol's 8 MiB frame limit and a 5 s connect timeout. */
    public MemoryNetwork(Scheduler scheduler, RandomGenerator random) {
        this(scheduler, random, Frames.DEFAULT_MAX_FRAME_BYTES, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * @param maxFrameBytes the frame limit of transports made by {@link #newTransport()}
     * @param connectTimeout how long an unanswered dial waits before its frames fail
     */
    public MemoryNetwork(Scheduler scheduler, RandomGenerator random, int maxFrameBytes, Duration connectTimeout) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = Objects.requireNonNull(random, "random");
        this.defaultMaxFrameBytes = Frames.requireValidLimit(maxFrameBytes);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
        this.connectTimeout = connectTimeout;
    }

    /** A transport with the network's frame limit; it joins the network on {@code start}. */
    public MemoryTransport newTransport() {
        return newTransport(defaultMaxFrameBytes);
    }

    /** A transport with its own frame limit (to test what a peer with a smaller limit does). */
    public MemoryTransport newTransport(int maxFrameBytes) {
        return new MemoryTransport(this, Frames.requireValidLimit(maxFrameBytes));
    }

    // ---- knobs ----

    /** Conditions of every link that has none of its own. */
    public synchronized void setDefaultConditions(LinkConditions conditions) {
        defaultConditions = Objects.requireNonNull(conditions, "conditions");
    }

    /** Conditions of the link between {@code a} and {@code b}, both directions. */
    public synchronized void setConditions(Endpoint a, Endpoint b, LinkConditions conditions) {
        linkConditions.put(Link.of(a, b), Objects.requireNonNull(conditions, "conditions"));
    }

    /** Back to the default conditions for the link between {@code a} and {@code b}. */
    public synchronized void clearConditions(Endpoint a, Endpoint b) {
        linkConditions.remove(Link.of(a, b));
    }

    /** From now on no endpoint of {@code sideA} reaches any of {@code sideB}, nor the reverse. */
    public synchronized void partition(Collection<Endpoint> sideA, Collection<Endpoint> sideB) {
        partitions.add(new Partition(Set.copyOf(sideA), Set.copyOf(sideB)));
    }

    /** Removes every partition. */
    public synchronized void healPartitions() {
        partitions.clear();
    }

    /** Crashes ({@code true}) or restarts ({@code false}) the node at {@code endpoint}. */
    public synchronized void setDown(Endpoint endpoint, boolean isDown) {
        if (!isDown) {
            down.remove(endpoint);
            return;
        }
        if (!down.add(endpoint)) {
            return;
        }
        MemoryTransport node = listening.get(endpoint);
        if (node != null) {
            dropEverything(node, true, "connection reset by peer");
        }
    }

    /** Whether {@link #setDown} crashed {@code endpoint}. */
    public synchronized boolean isDown(Endpoint endpoint) {
        return down.contains(endpoint);
    }

    /**
     * Puts {@code endpoint} behind NAT in local network {@code localNetworkId}: only endpoints
     * of the same local network can open connections to it.
     */
    public synchronized void setNat(Endpoint endpoint, String localNetworkId) {
        setLocalNetwork(endpoint, localNetworkId);
        natted.add(endpoint);
    }

    /** Takes {@code endpoint} out of NAT (it stays in its local network). */
    public synchronized void clearNat(Endpoint endpoint) {
        natted.remove(endpoint);
    }

    /** Puts {@code endpoint} (NATed or not) in local network {@code localNetworkId}. */
    public synchronized void setLocalNetwork(Endpoint endpoint, String localNetworkId) {
        if (localNetworkId == null || localNetworkId.isBlank()) {
            throw new IllegalArgumentException("a local network needs an id");
        }
        localNetworks.put(endpoint, localNetworkId);
    }

    /** Frames handed to a listener so far (good frames only). */
    public synchronized long framesDelivered() {
        return framesDelivered;
    }

    /** Frames lost so far to loss, partitions or crashes. */
    public synchronized long framesLost() {
        return framesLost;
    }

    // ---- transport operations (called by MemoryTransport) ----

    synchronized void start(MemoryTransport transport, Endpoint listen, TransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (transport.local != null || transport.closed) {
            throw new IllegalStateException("transport already started");
        }
        Endpoint actual = listen.port() == 0 ? freePort(listen.host()) : listen;
        if (listening.containsKey(actual)) {
            throw new IllegalStateException("cannot listen on " + actual + ": address already in use");
        }
        transport.local = actual;
        transport.listener = listener;
        listening.put(actual, transport);
    }

    synchronized Endpoint localEndpoint(MemoryTransport transport) {
        return requireStarted(transport).local;
    }

    synchronized void send(MemoryTransport from, Endpoint to, byte[] payload) {
        requireStarted(from);
        Objects.requireNonNull(to, "to");
        if (!alive(from)) {
            return;
        }
        byte[] frame = payload.clone();
        Optional<String> problem = Frames.lengthProblem(frame.length, from.maxFrameBytes());
        if (problem.isPresent()) {
            later(from, l -> l.onSendFailed(to, frame, problem.get()));
            return;
        }
        MemoryConnection live = boundConnection(from, to);
        if (live != null) {
            transmit(live, new InFlight(Kind.FRAME, frame, null));
            return;
        }
        Dial dial = from.dials.get(to);
        if (dial == null) {
            dial = dial(from, to);
        }
        dial.queued.add(frame);
    }

    synchronized boolean send(MemoryTransport from, ConnectionId id, byte[] payload) {
        requireStarted(from);
        MemoryConnection connection = from.connections.get(id);
        if (!alive(from) || connection == null || !connection.open) {
            return false;
        }
        byte[] frame = payload.clone();
        Optional<String> problem = Frames.lengthProblem(frame.length, from.maxFrameBytes());
        if (problem.isPresent()) {
            Endpoint to = connection.bound != null ? connection.bound : connection.remote;
            later(from, l -> l.onSendFailed(to, frame, problem.get()));
            return true;
        }
        transmit(connection, new InFlight(Kind.FRAME, frame, null));
        return true;
    }

    synchronized void bind(MemoryTransport owner, ConnectionId id, Endpoint peerListen) {
        Objects.requireNonNull(peerListen, "peerListen");
        MemoryConnection connection = owner.connections.get(id);
        if (connection != null && connection.open && id.inbound()) {
            connection.bound = peerListen;
        }
    }

    synchronized void close(MemoryTransport owner, ConnectionId id) {
        MemoryConnection connection = owner.connections.get(id);
        if (connection == null || !connection.open) {
            return;
        }
        shut(connection, "closed by peer");
        later(owner, l -> l.onDisconnected(id, connection.remote, "closed locally"));
    }

    synchronized Set<Endpoint> connectedEndpoints(MemoryTransport owner) {
        Set<Endpoint> result = new LinkedHashSet<>();
        for (MemoryConnection connection : owner.connections.values()) {
            if (connection.open && connection.bound != null) {
                result.add(connection.bound);
            }
        }
        return Set.copyOf(result);
    }

    synchronized void close(MemoryTransport transport) {
        if (transport.closed) {
            return;
        }
        if (transport.local != null) {
            dropEverything(transport, false, "closed by peer");
            listening.remove(transport.local);
        }
        transport.closed = true;
    }

    synchronized String describe(MemoryTransport transport) {
        return (transport.local == null ? "unstarted" : transport.local.toString())
                + (transport.closed ? ", closed" : "") + ", " + transport.connections.size() + " connections";
    }

    // ---- internals; every method below runs under the lock ----

    private MemoryTransport requireStarted(MemoryTransport transport) {
        if (transport.local == null) {
            throw new IllegalStateException("transport not started");
        }
        return transport;
    }

    /** Started, not closed, not crashed: a transport that may act and be told things. */
    private boolean alive(MemoryTransport transport) {
        return transport.local != null && !transport.closed && !down.contains(transport.local);
    }

    private Endpoint freePort(String host) {
        while (listening.containsKey(new Endpoint(host, nextListenPort))) {
            nextListenPort++;
        }
        return new Endpoint(host, nextListenPort++);
    }

    private MemoryConnection boundConnection(MemoryTransport owner, Endpoint to) {
        MemoryConnection inbound = null;
        for (MemoryConnection connection : owner.connections.values()) {
            if (connection.open && to.equals(connection.bound)) {
                if (!connection.id.inbound()) {
                    return connection; // the one we opened: there is at most one per endpoint
                }
                if (inbound == null) {
                    inbound = connection;
                }
            }
        }
        return inbound;
    }

    private Dial dial(MemoryTransport from, Endpoint to) {
        Dial dial = new Dial(to);
        from.dials.put(to, dial);
        scheduler.schedule(delay(from.local, to), () -> dialArrives(from, dial));
        scheduler.schedule(connectTimeout, () -> dialTimesOut(from, dial));
        return dial;
    }

    private void dialArrives(MemoryTransport from, Dial dial) {
        synchronized (this) {
            if (dial.finished) {
                return;
            }
            MemoryTransport target = listening.get(dial.to);
            if (target == null || down.contains(dial.to)) {
                String reason = "connection refused by " + dial.to;
                scheduler.schedule(delay(dial.to, from.local), () -> failDial(from, dial, reason));
                return;
            }
            if (separated(from.local, dial.to) || !admits(dial.to, from.local)) {
                return; // nothing answers: the dial times out
            }
            Endpoint seenAs = new Endpoint(from.local.host(), nextEphemeralPort());
            MemoryConnection outbound = new MemoryConnection(
                    new ConnectionId(nextConnectionId++, false), from, dial.to, dial);
            MemoryConnection inbound = new MemoryConnection(
                    new ConnectionId(nextConnectionId++, true), target, seenAs, null);
            outbound.far = inbound;
            inbound.far = outbound;
            outbound.bound = dial.to;
            inbound.established = true;
            target.connections.put(inbound.id, inbound);
            target.listener.onConnected(inbound.id, seenAs);
            transmit(inbound, new InFlight(Kind.CONNECTED, null, null));
        }
    }

    private void dialTimesOut(MemoryTransport from, Dial dial) {
        synchronized (this) {
            if (!dial.finished) {
                failDial(from, dial, "connect to " + dial.to + " timed out after " + connectTimeout.toMillis() + " ms");
            }
        }
    }

    private void failDial(MemoryTransport from, Dial dial, String reason) {
        synchronized (this) {
            if (dial.finished) {
                return;
            }
            dial.finished = true;
            from.dials.remove(dial.to, dial);
            if (alive(from)) {
                for (byte[] frame : dial.queued) {
                    from.listener.onSendFailed(dial.to, frame, reason);
                }
            }
        }
    }

    private int nextEphemeralPort() {
        int port = nextEphemeralPort;
        nextEphemeralPort = port == 65_535 ? FIRST_EPHEMERAL_PORT : port + 1;
        return port;
    }

    /** Puts {@code item} on the wire from {@code from} to its far end. */
    private void transmit(MemoryConnection from, InFlight item) {
        Endpoint source = from.owner.local;
        Endpoint target = from.far.owner.local;
        if (item.kind == Kind.FRAME) {
            double loss = conditions(source, target).loss();
            if (loss > 0 && random.nextDouble() < loss) {
                framesLost++;
                return;
            }
        }
        from.outgoing.add(item);
        scheduler.schedule(delay(source, target), () -> arrive(from, item));
    }

    private void arrive(MemoryConnection from, InFlight item) {
        synchronized (this) {
            item.arrived = true;
            // head-of-line: a frame that arrives early waits for the ones sent before it
            while (!from.outgoing.isEmpty() && from.outgoing.peek().arrived) {
                deliver(from, from.outgoing.poll());
            }
        }
    }

    private void deliver(MemoryConnection from, InFlight item) {
        MemoryConnection to = from.far;
        switch (item.kind) {
            case CONNECTED -> connected(to);
            case CLOSE -> closedByPeer(to, item.reason);
            case FRAME -> frame(from, to, item.payload);
        }
    }

    private void connected(MemoryConnection outbound) {
        MemoryTransport owner = outbound.owner;
        Dial dial = outbound.dial;
        if (dial.finished || !alive(owner) || !outbound.open) {
            shut(outbound, "closed by peer"); // too late: the dialer gave up or went away
            return;
        }
        dial.finished = true;
        owner.dials.remove(dial.to, dial);
        outbound.established = true;
        owner.connections.put(outbound.id, outbound);
        owner.listener.onConnected(outbound.id, outbound.remote);
        for (byte[] frame : dial.queued) {
            transmit(outbound, new InFlight(Kind.FRAME, frame, null));
        }
    }

    private void closedByPeer(MemoryConnection to, String reason) {
        if (!to.open) {
            return;
        }
        to.open = false;
        to.owner.connections.remove(to.id);
        if (to.established && alive(to.owner)) {
            to.owner.listener.onDisconnected(to.id, to.remote, reason);
        }
    }

    private void frame(MemoryConnection from, MemoryConnection to, byte[] payload) {
        MemoryTransport receiver = to.owner;
        if (from.crashed || !to.open || !alive(receiver) || separated(from.owner.local, receiver.local)) {
            framesLost++;
            return;
        }
        Optional<String> problem = Frames.lengthProblem(payload.length, receiver.maxFrameBytes())
                .or(() -> Frames.encodingProblem(payload));
        if (problem.isPresent()) {
            shut(to, "closed by peer");
            receiver.listener.onBadFrame(to.id, to.remote, problem.get());
            receiver.listener.onDisconnected(to.id, to.remote, "bad frame: " + problem.get());
            return;
        }
        framesDelivered++;
        receiver.listener.onFrame(to.id, to.remote, payload);
    }

    /** Closes this end now and tells the far end after the link delay. */
    private void shut(MemoryConnection connection, String farReason) {
        connection.open = false;
        connection.owner.connections.remove(connection.id);
        transmit(connection, new InFlight(Kind.CLOSE, null, farReason));
    }

    /** A transport leaving (closed or crashed): its connections and dials end without a word to it. */
    private void dropEverything(MemoryTransport transport, boolean crash, String farReason) {
        for (MemoryConnection connection : List.copyOf(transport.connections.values())) {
            connection.crashed = crash;
            shut(connection, farReason);
        }
        for (Dial dial : transport.dials.values()) {
            dial.finished = true;
        }
        transport.dials.clear();
    }

    private boolean separated(Endpoint x, Endpoint y) {
        for (Partition partition : partitions) {
            if (partition.separates(x, y)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code target} accepts a new connection from {@code dialer}. */
    private boolean admits(Endpoint target, Endpoint dialer) {
        return !natted.contains(target) || localNetworks.get(target).equals(localNetworks.get(dialer));
    }

    private LinkConditions conditions(Endpoint x, Endpoint y) {
        return linkConditions.getOrDefault(Link.of(x, y), defaultConditions);
    }

    private Duration delay(Endpoint x, Endpoint y) {
        LinkConditions link = conditions(x, y);
        long jitterNanos = link.jitter().toNanos();
        return jitterNanos == 0 ? link.latency() : link.latency().plusNanos(random.nextLong(jitterNanos + 1));
    }

    /** Tells {@code transport}'s listener something from a scheduler task, if it is still alive then. */
    private void later(MemoryTransport transport, Consumer<TransportListener> call) {
        scheduler.schedule(Duration.ZERO, () -> {
            synchronized (this) {
                if (alive(transport)) {
                    call.accept(transport.listener);
                }
            }
        });
    }
}
