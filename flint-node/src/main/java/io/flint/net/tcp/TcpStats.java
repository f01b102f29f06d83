package io.flint.net.tcp;

/**
 * What a {@link TcpTransport}'s {@link ConnectionLimits} have done so far, for logs and metrics.
 * Counters are totals since the transport started.
 *
 * @param inbound inbound connections open now
 * @param outbound outbound connections open now
 * @param refusedInboundLimit inbound connections closed at accept because {@code maxInbound} were open
 * @param refusedHostLimit inbound connections closed at accept because their host had {@code maxInboundPerHost}
 * @param closedNoFirstFrame inbound connections closed for sending no frame within {@code firstFrameTimeout}
 * @param closedStalledFrame connections closed for a stalled frame (no byte for {@code frameTimeout}, or slower than {@code minFrameBytesPerSecond})
 * @param closedOverBudget connections closed because their incomplete frame did not fit the budget
 * @param evictedInbound inbound connections closed to make room for one from a host with fewer
 *     connections when every inbound slot was taken
 * @param incompleteFrameBytes bytes of incomplete frames held now
 * @param readingPaused whether reading from every connection is paused (the node's event loop is behind)
 */
public record TcpStats(
        int inbound,
        int outbound,
        long refusedInboundLimit,
        long refusedHostLimit,
        long closedNoFirstFrame,
        long closedStalledFrame,
        long closedOverBudget,
        long evictedInbound,
        long incompleteFrameBytes,
        boolean readingPaused) {}
