package io.flint.net.tcp;

import io.flint.net.Frames;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link TcpTransport}.
 *
 * @param maxFrameBytes the largest frame sent or accepted (PROTOCOL.md's {@code max_frame_bytes})
 * @param connectTimeout how long a dial may take before its queued frames fail
 * @param initialBackoff how long sends to an endpoint fail fast after one failed dial; it
 *     doubles with each further failure
 * @param maxBackoff the most the backoff grows to
 * @param writeBufferLimitBytes the most bytes (frames with their prefixes) that may wait to be
 *     written to one peer, counting frames queued while dialling; a frame that would exceed it
 *     fails, so a slow or stalled peer costs bounded memory. At least one largest frame.
 */
public record TcpConfig(
        int maxFrameBytes,
        Duration connectTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        long writeBufferLimitBytes,
        ConnectionLimits limits) {

    /**
     * PROTOCOL.md's 8 MiB frames, 5 s connect timeout, backoff 500 ms doubling to 30 s, 32 MiB per
     * peer, {@link ConnectionLimits#DEFAULTS}.
     */
    public static final TcpConfig DEFAULTS = new TcpConfig(
            Frames.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30),
            32L * 1024 * 1024, ConnectionLimits.DEFAULTS);

    public TcpConfig {
        Frames.requireValidLimit(maxFrameBytes);
        ConnectionLimits.requirePositive(connectTimeout, "connect timeout");
        ConnectionLimits.requirePositive(initialBackoff, "initial backoff");
        ConnectionLimits.requirePositive(maxBackoff, "max backoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff " + maxBackoff + " is below the initial " + initialBackoff);
        }
        if (writeBufferLimitBytes < (long) maxFrameBytes + Frames.LENGTH_PREFIX_BYTES) {
            throw new IllegalArgumentException("write buffer limit " + writeBufferLimitBytes
                    + " cannot hold one frame of " + maxFrameBytes + " bytes");
        }
        Objects.requireNonNull(limits, "limits");
        if (limits.incompleteFrameBudgetBytes() < (long) maxFrameBytes + Frames.LENGTH_PREFIX_BYTES) {
            throw new IllegalArgumentException("incomplete frame budget " + limits.incompleteFrameBudgetBytes()
                    + " cannot hold one frame of " + maxFrameBytes + " bytes");
        }
    }

    /** The same settings with another frame limit (the write buffer and incomplete frame budget grow if they must). */
    public TcpConfig withMaxFrameBytes(int bytes) {
        long frame = (long) bytes + Frames.LENGTH_PREFIX_BYTES;
        long buffer = Math.max(writeBufferLimitBytes, frame);
        ConnectionLimits grown = limits.incompleteFrameBudgetBytes() >= frame ? limits
                : limits.withIncompleteFrameBudgetBytes(frame);
        return new TcpConfig(bytes, connectTimeout, initialBackoff, maxBackoff, buffer, grown);
    }

    /** The same settings with another connect timeout. */
    public TcpConfig withConnectTimeout(Duration timeout) {
        return new TcpConfig(maxFrameBytes, timeout, initialBackoff, maxBackoff, writeBufferLimitBytes, limits);
    }

    /** The same settings with another backoff range. */
    public TcpConfig withBackoff(Duration initial, Duration max) {
        return new TcpConfig(maxFrameBytes, connectTimeout, initial, max, writeBufferLimitBytes, limits);
    }

    /** The same settings with another per-peer write buffer limit. */
    public TcpConfig withWriteBufferLimitBytes(long bytes) {
        return new TcpConfig(maxFrameBytes, connectTimeout, initialBackoff, maxBackoff, bytes, limits);
    }

    /** The same settings with other connection limits. */
    public TcpConfig withLimits(ConnectionLimits value) {
        return new TcpConfig(maxFrameBytes, connectTimeout, initialBackoff, maxBackoff, writeBufferLimitBytes, value);
    }

    /** How long to wait before dialling again after {@code failures} failed dials in a row (at least 1). */
    public Duration backoffAfter(int failures) {
        Duration delay = initialBackoff;
        for (int i = 1; i < failures && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
