package io.flint.net.tcp;

import io.netty.channel.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport's outbound bookkeeping for one endpoint: the dial in progress (at most one),
 * the frames waiting for it, and the backoff after failed dials. Guarded by the transport's lock.
 */
final class DialState {

    /** A dial is in progress (set before it starts, since it may finish inside {@code connect}). */
    boolean dialInProgress;
    /** The channel being connected, to close if the transport closes first. */
    Channel dialChannel;
    final List<byte[]> queued = new ArrayList<>();
    long queuedBytes;
    /** Failed dials in a row; reset by a successful one. */
    int failures;
    /** No new dial before this instant (null: dial at will). */
    Instant retryAt;

    /** Hands over the queued frames, leaving the queue empty. */
    List<byte[]> takeQueued() {
        List<byte[]> frames = List.copyOf(queued);
        queued.clear();
        queuedBytes = 0;
        return frames;
    }
}
