package io.flint.p2p.snapshot;

/**
 * How far chain sync has come.
 *
 * @param phase IDLE (nothing to do), HEADERS (fetching header batches), BLOCKS (fetching blocks)
 * @param height this node's block tip height (header tip for a light node)
 * @param bestKnownHeight the highest tip any peer has shown
 * @param downloaded blocks sync asked for and received since the engine started (light: headers it
 *     added to its chain; headers received again are not counted)
 * @param blocksPerSecond download rate over the last few seconds
 * @param inFlight block requests outstanding
 */
public record SyncProgress(Phase phase, long height, long bestKnownHeight, long downloaded, double blocksPerSecond,
        int inFlight) {
    public enum Phase { IDLE, HEADERS, BLOCKS }

    /**
     * At the best tip known, no blocks being downloaded (what readiness means). A header request
     * alone does not make a node unsynced: one to a peer whose claim is in doubt is not a sign
     * that this node is behind.
     */
    public boolean synced() {
        return phase != Phase.BLOCKS && height >= bestKnownHeight;
    }
}
