package io.flint.p2p;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node gives its transport as listener: each callback, arriving on an I/O thread, is
 * posted to the event loop, where the engine handles it. The I/O thread returns at once.
 *
 * <p><b>Backpressure.</b> Frames posted and not yet handled are counted. When more than
 * {@link QueueLimit#maxFrames} frames or {@link QueueLimit#maxBytes} bytes wait, the listener
 * asks the transport to stop reading ({@link ReadSwitch}); when the loop has worked the queue
 * down to half of both, reading resumes. A flood then waits in the peers' TCP windows instead
 * of the node's heap (120,000 queued frames, or 1 MB frames at 12 a second, ran a node out of
 * memory). Nothing is dropped, and the loop's other work (timers, HTTP calls, mined blocks)
 * is neither counted nor held back. Connection events and send failures are not counted: the
 * transport's connection limits and write buffers bound them.
 */
public final class LoopTransportListener implements TransportListener {
    private static final Logger log = LoggerFactory.getLogger(LoopTransportListener.class);
    /** A pause is logged at most this often (a flood pauses and resumes many times a second). */
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    /**
     * How many received frames may wait for the event loop.
     *
     * @param maxFrames frames waiting before reading pauses
     * @param maxBytes payload bytes waiting before reading pauses
     */
    public record QueueLimit(int maxFrames, long maxBytes) {
        /** 10,000 frames or 64 MiB: seconds of work for the loop, a fraction of a node's heap. */
        public static final QueueLimit DEFAULTS = new QueueLimit(10_000, 64L * 1024 * 1024);

        public QueueLimit {
            if (maxFrames < 2 || maxBytes < 2) {
                throw new IllegalArgumentException("queue limit must allow at least 2 frames and 2 bytes, got "
                        + maxFrames + " frames, " + maxBytes + " bytes");
            }
        }
    }

    /** The transport's reading, switched off while the loop is behind. */
    @FunctionalInterface
    public interface ReadSwitch {
        /** For transports that cannot pause (in-memory ones): frames are counted, never held back. */
        ReadSwitch NONE = paused -> {};

        void pauseReading(boolean paused);
    }

    private final Executor loop;
    private final TransportListener engine;
    private final QueueLimit limit;
    private final ReadSwitch reads;
    private final Clock clock;
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final Object pressure = new Object();
    // guarded by pressure
    private boolean paused;
    private Instant loggedAt;
    private long pausesSinceLog;

    /** A listener that never holds reading back (for transports without backpressure). */
    public LoopTransportListener(Executor loop, TransportListener engine) {
        this(loop, engine, QueueLimit.DEFAULTS, ReadSwitch.NONE, Clock.systemUTC());
    }

    public LoopTransportListener(Executor loop, TransportListener engine, QueueLimit limit, ReadSwitch reads,
            Clock clock) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Frames posted to the loop and not yet handled. */
    public int queuedFrames() {
        return queuedFrames.get();
    }

    /** Payload bytes of the frames posted to the loop and not yet handled. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** How many times reading was paused because the loop was behind. */
    public long pauses() {
        return pauses.get();
    }

    /** Whether reading is paused now. */
    public boolean readingPaused() {
        synchronized (pressure) {
            return paused;
        }
    }

    @Override
    public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
        int bytes = payload.length;
        int frames = queuedFrames.incrementAndGet();
        long total = queuedBytes.addAndGet(bytes);
        if (frames > limit.maxFrames() || total > limit.maxBytes()) {
            adjust();
        }
        loop.execute(() -> {
            try {
                engine.onFrame(connection, remote, payload);
            } finally {
                int left = queuedFrames.decrementAndGet();
                long leftBytes = queuedBytes.addAndGet(-bytes);
                if (left <= limit.maxFrames() / 2 && leftBytes <= limit.maxBytes() / 2) {
                    adjust();
                }
            }
        });
    }

    /**
     * Pauses or resumes reading as the counts now require. Both the I/O threads (counting up)
     * and the loop (counting down) come here and decide under one lock from the counts as they
     * are then, so a pause can never outlive the queue that caused it.
     */
    private void adjust() {
        synchronized (pressure) {
            int frames = queuedFrames.get();
            long bytes = queuedBytes.get();
            if (!paused && (frames > limit.maxFrames() || bytes > limit.maxBytes())) {
                paused = true;
                pauses.incrementAndGet();
                pausesSinceLog++;
                Instant now = clock.instant();
                if (loggedAt == null || !now.isBefore(loggedAt.plus(LOG_INTERVAL))) {
                    log.warn("the event loop is behind: {} frames ({} bytes) wait; reading from peers paused"
                            + " ({} time(s) since the last report)", frames, bytes, pausesSinceLog);
                    loggedAt = now;
                    pausesSinceLog = 0;
                }
                reads.pauseReading(true);
            } else if (paused && frames <= limit.maxFrames() / 2 && bytes <= limit.maxBytes() / 2) {
                paused = false;
                reads.pauseReading(false);
            }
        }
    }

    @Override
    public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {
        loop.execute(() -> engine.onBadFrame(connection, remote, reason));
    }

    @Override
    public void onConnected(ConnectionId connection, Endpoint remote) {
        loop.execute(() -> engine.onConnected(connection, remote));
    }

    @Override
    public void onDisconnected(ConnectionId connection, Endpoint remote, String reason) {
        loop.execute(() -> engine.onDisconnected(connection, remote, reason));
    }

    @Override
    public void onSendFailed(Endpoint to, byte[] payload, String reason) {
        loop.execute(() -> engine.onSendFailed(to, payload, reason));
    }
}
