package io.flint.p2p.snapshot;

/**
 * How far chain sync has come.
 *
 * @param phase IDLE (nothing to do), HEADERS (fetching header batches), BLOCKS (fetching blocks)
 * @param height this node's block tip height (header tip for a light node)
 * @param bestKnownHeight the highest tip any peer has shown
 * @param downloaded blocks (or, light, headers) received by sync since the engine started
 * @param blocksPerSecond download rate over the last few seconds
 * @param inFlight block requests outstanding
 */
public record SyncProgress(Phase phase, long height, long bestKnownHeight, long downloaded, double blocksPerSecond,
        int inFlight) {
    public enum Phase { IDLE, HEADERS, BLOCKS }

    /** At the best tip known (what readiness means). */
    public boolean synced() {
        return phase == Phase.IDLE && height >= bestKnownHeight;
    }
}
