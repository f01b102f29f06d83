package io.flint.node;

import java.util.Optional;

/**
 * The reorganisations since the node started, for {@code GET /status}: a class watching a join
 * reads how many there were and the last one's shape without counting events or scraping metrics.
 *
 * @param count reorganisations since start
 * @param last the latest, if any
 * @param deepest the most blocks one of them took off the best chain
 */
public record Reorgs(long count, Optional<Last> last, int deepest) {
    public static final Reorgs NONE = new Reorgs(0, Optional.empty(), 0);

    /**
     * @param forkHeight the height of the last block both branches share
     * @param disconnected blocks taken off the old branch
     * @param connected blocks put on from the new one
     * @param atMillis when it happened (the node's clock)
     */
    public record Last(long forkHeight, int disconnected, int connected, long atMillis) {
    }

    Reorgs plus(Last reorg) {
        return new Reorgs(count + 1, Optional.of(reorg), Math.max(deepest, reorg.disconnected()));
    }
}
