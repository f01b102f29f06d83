package io.flint.net.tcp;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One open TCP connection as the transport tracks it. */
final class TcpConnection {

    final ConnectionId id;
    final Channel channel;
    /** The far end's socket address. */
    final Endpoint remote;
    /** Bytes accepted by {@code send} and not yet written to the socket. */
    final AtomicLong pendingBytes = new AtomicLong();
    /**
     * Frames accepted by {@code send}, waiting for the I/O thread. Writers on any thread add
     * here and schedule one drain, which writes everything queued and flushes once: a burst
     * costs one wake-up and one system call instead of one each per frame.
     */
    final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();
    final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Where the far node listens: the dialled endpoint, or what {@code bind} declared. Guarded by the transport's lock. */
    volatile Endpoint bound;
    /** Why it is closing, when this side knows better than "closed by peer". */
    volatile String closeReason;
    /** The connection's decoder, which knows how its incoming frames progress. */
    final FrameDecoder decoder;
    /** When it opened (clock millis). */
    final long openedAt;

    TcpConnection(ConnectionId id, Channel channel, Endpoint remote, Endpoint bound, FrameDecoder decoder,
            long openedAt) {
        this.id = id;
        this.channel = channel;
        this.remote = remote;
        this.bound = bound;
        this.decoder = decoder;
        this.openedAt = openedAt;
    }

    /** The endpoint a failed frame was meant for. */
    Endpoint destination() {
        Endpoint to = bound;
        return to != null ? to : remote;
    }
}
