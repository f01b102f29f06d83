package io.flint.net.tcp;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link TcpTransport} lets a remote side hold of this node: sockets, time and memory.
 * Without them a few hundred idle sockets exhaust the process's file descriptors and a few
 * dozen half-sent 8 MiB frames its direct memory (both seen in an attack on loopback).
 *
 * @param maxInbound inbound connections open at once (Bitcoin Core's default of 125); the next
 *     one evicts the newest connection of the host with the most if its own host would still
 *     have fewer, else it is closed as soon as it is accepted
 * @param maxInboundPerHost inbound connections open at once from one remote address, so one
 *     host cannot take every slot
 * @param exemptLocal whether connections from this machine skip the per-host limit: from a
 *     loopback address (127.0.0.0/8, ::1), or from the very address they reached this node at.
 *     The nodes of a local cluster connect from loopback (127.0.0.1, or each from its own
 *     127.0.0.x when it listens on one: TcpTransport#loopbackSource), or from the machine's own
 *     address when the nodes advertise it; they still count
 *     towards {@code maxInbound}
 * @param firstFrameTimeout how long an inbound connection may stay open without delivering its
 *     first complete frame (an honest dialler writes its first frame as soon as it connects)
 * @param frameTimeout how long a frame may go without a byte arriving, and the time any frame
 *     gets on top of what {@code minFrameBytesPerSecond} allows for its bytes; a connection
 *     holding an incomplete frame past that is closed (slowloris). A connection that is quiet
 *     between frames is never closed by it
 * @param minFrameBytesPerSecond the slowest rate a frame may arrive at once it is older than
 *     {@code frameTimeout}: a frame of B bytes so far may be {@code frameTimeout + B / rate} old.
 *     A fixed time per frame would cut a full block on a slow link (a 2 MB frame at 64 KB/s takes
 *     half a minute) while a byte now and then would hold a connection for ever
 * @param incompleteFrameBudgetBytes the most bytes of incomplete frames held across all
 *     connections of the transport; a connection whose incomplete frame would exceed it is
 *     closed. At least one largest frame (checked by {@link TcpConfig})
 */
public record ConnectionLimits(
        int maxInbound,
        int maxInboundPerHost,
        boolean exemptLocal,
        Duration firstFrameTimeout,
        Duration frameTimeout,
        long minFrameBytesPerSecond,
        long incompleteFrameBudgetBytes) {

    /**
     * 125 inbound, 16 per host other than this machine, 60 s to the first frame, a frame's bytes
     * at most 30 s apart and at 2 KiB/s on average after its first 30 s, 32 MiB of incomplete frames.
     */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(
            125, 16, true, Duration.ofSeconds(60), Duration.ofSeconds(30), 2048, 32L * 1024 * 1024);

    public ConnectionLimits {
        if (maxInbound < 1) {
            throw new IllegalArgumentException("max inbound connections must be at least 1, got " + maxInbound);
        }
        if (maxInboundPerHost < 1 || maxInboundPerHost > maxInbound) {
            throw new IllegalArgumentException("max inbound connections per host must be 1.." + maxInbound
                    + ", got " + maxInboundPerHost);
        }
        requirePositive(firstFrameTimeout, "first frame timeout");
        requirePositive(frameTimeout, "frame timeout");
        if (minFrameBytesPerSecond < 1) {
            throw new IllegalArgumentException("minimum frame rate must be at least 1 byte/s, got " + minFrameBytesPerSecond);
        }
        if (incompleteFrameBudgetBytes < 1) {
            throw new IllegalArgumentException("incomplete frame budget must be positive, got "
                    + incompleteFrameBudgetBytes);
        }
    }

    /** The same limits with other connection counts. */
    public ConnectionLimits withInbound(int max, int perHost, boolean localExempt) {
        return new ConnectionLimits(max, perHost, localExempt, firstFrameTimeout, frameTimeout,
                minFrameBytesPerSecond, incompleteFrameBudgetBytes);
    }

    /** The same limits with other timeouts. */
    public ConnectionLimits withTimeouts(Duration firstFrame, Duration frame) {
        return new ConnectionLimits(maxInbound, maxInboundPerHost, exemptLocal, firstFrame, frame,
                minFrameBytesPerSecond, incompleteFrameBudgetBytes);
    }

    /** The same limits with another slowest rate for a frame older than the frame timeout. */
    public ConnectionLimits withMinFrameBytesPerSecond(long rate) {
        return new ConnectionLimits(maxInbound, maxInboundPerHost, exemptLocal, firstFrameTimeout, frameTimeout,
                rate, incompleteFrameBudgetBytes);
    }

    /**
     * How old (millis) an incomplete frame of {@code bytes} so far may be: the frame timeout, plus
     * the time those bytes take at the slowest allowed rate.
     */
    long frameAllowanceMillis(long bytes) {
        long atRate = bytes >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE / 2 : bytes * 1000 / minFrameBytesPerSecond;
        return frameTimeout.toMillis() + atRate;
    }

    /** The same limits with another budget for incomplete frames. */
    public ConnectionLimits withIncompleteFrameBudgetBytes(long bytes) {
        return new ConnectionLimits(maxInbound, maxInboundPerHost, exemptLocal, firstFrameTimeout, frameTimeout,
                minFrameBytesPerSecond, bytes);
    }

    /**
     * Whether inbound connections from {@code remoteHost}, arriving at this node's address
     * {@code localHost}, count towards {@link #maxInboundPerHost}.
     */
    boolean limitsHost(String remoteHost, String localHost) {
        return !(exemptLocal && (isLoopback(remoteHost) || remoteHost.equals(localHost)));
    }

    static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
