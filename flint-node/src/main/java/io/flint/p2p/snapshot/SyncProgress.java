package io.flint.p2p.snapshot;

import java.util.List;
import java.util.Optional;

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
 * @param stall the lowest block that requests to peers keep failing to bring, if any
 */
public record SyncProgress(Phase phase, long height, long bestKnownHeight, long downloaded, double blocksPerSecond,
        int inFlight, Optional<Stall> stall) {
    public enum Phase { IDLE, HEADERS, BLOCKS }

    /**
     * A block download cannot get past: asked for {@code requests} times, of {@code peers}, and never
     * delivered (a peer whose chain store lost it drops the request; one that claims more than it has
     * cannot send it).
     */
    public record Stall(long height, String hash, int requests, List<String> peers) {
        public Stall {
            peers = List.copyOf(peers);
        }

        /** "block 1147 (…9c1d2e3f) not delivered after 3 requests to 5001". */
        public String sentence() {
            return "block " + height + " (…" + hash.substring(Math.max(0, hash.length() - 8)) + ") not delivered after "
                    + requests + (requests == 1 ? " request" : " requests") + " to " + String.join(", ", peers);
        }
    }

    /** A snapshot with nothing stalled. */
    public SyncProgress(Phase phase, long height, long bestKnownHeight, long downloaded, double blocksPerSecond,
            int inFlight) {
        this(phase, height, bestKnownHeight, downloaded, blocksPerSecond, inFlight, Optional.empty());
    }

    /**
     * At the best tip known, no blocks being downloaded (what readiness means). A header request
     * alone does not make a node unsynced: one to a peer whose claim is in doubt is not a sign
     * that this node is behind.
     */
    public boolean synced() {
        return phase != Phase.BLOCKS && height >= bestKnownHeight;
    }
}
