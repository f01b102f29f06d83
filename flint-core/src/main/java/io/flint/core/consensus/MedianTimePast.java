package io.flint.core.consensus;

import io.flint.core.BlockHeader;
import java.util.Arrays;

/**
 * Bitcoin's GetMedianTimePast: the median timestamp of the last {@code span} blocks (11) ending
 * at a block, or of all of them when the branch is shorter. A new block's timestamp must exceed
 * its parent's median time past, and lock times compare with it (BIP 113), because a median of
 * many miners' clocks cannot be pushed around by one of them.
 */
public final class MedianTimePast {
    private MedianTimePast() {}

    /** The median time past at {@code tip}, whose ancestors {@code history} gives. */
    public static long of(BlockHeader tip, HeaderHistory history, int span) {
        long first = Math.max(0, tip.height() - span + 1);
        long[] times = new long[(int) (tip.height() - first + 1)];
        for (long h = first; h < tip.height(); h++) {
            times[(int) (h - first)] = history.headerAt(h).timestamp();
        }
        times[times.length - 1] = tip.timestamp();
        return median(times);
    }

    /** The element in the middle after sorting ({@code n / 2}, the upper middle for an even count, as Bitcoin). */
    public static long median(long[] timestamps) {
        if (timestamps.length == 0) {
            throw new IllegalArgumentException("the median of no timestamps");
        }
        long[] sorted = timestamps.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
