package io.flint.core.consensus;

import io.flint.core.BlockHeader;
import io.flint.core.CompactTarget;
import io.flint.core.NetworkParams;
import java.math.BigInteger;

/**
 * The dynamic difficulty: every {@code retargetWindow} blocks the target is rescaled by how long
 * the previous window took against how long it should have taken. The exact formula is in
 * docs/consensus.md ("Difficulty"); in short, for a block at height {@code h} with
 * {@code h % window == 0}:
 *
 * <pre>
 *   actual   = time(h - 1) - time(h - window)          (window - 1 intervals)
 *   expected = (window - 1) * targetSpacing
 *   actual   = clamp(actual, expected / factor, expected * factor)
 *   target   = min(powLimit, target(h - 1) * actual / expected)
 * </pre>
 *
 * Unlike Bitcoin, the expected time counts the same {@code window - 1} intervals that the two
 * timestamps span, so a chain mined exactly on schedule keeps its difficulty (Bitcoin compares
 * 2015 intervals with 2016 and drifts 0.05% harder; with a window of 10 that would be 11%).
 */
public final class Difficulty {
    private Difficulty() {}

    /**
     * The compact target the child of {@code parent} must carry. {@code history} is the branch
     * ending at {@code parent}.
     */
    public static long nextBits(BlockHeader parent, HeaderHistory history, NetworkParams params) {
        if (!params.retargetingEnabled()) {
            return params.powLimitBits();
        }
        long height = parent.height() + 1;
        int window = params.retargetWindow();
        if (height % window != 0) {
            return parent.bits();
        }
        BlockHeader first = history.headerAt(height - window);
        long actual = parent.timestamp() - first.timestamp();
        return retarget(parent.bits(), actual, params);
    }

    /** The retarget step alone: {@code bits} rescaled by {@code actualSeconds} over the expected window time. */
    public static long retarget(long bits, long actualSeconds, NetworkParams params) {
        long expected = expectedSeconds(params);
        int factor = params.maxRetargetFactor();
        long clamped = Math.max(expected / factor, Math.min(expected * factor, actualSeconds));
        BigInteger target = CompactTarget.toTarget(bits)
                .multiply(BigInteger.valueOf(clamped))
                .divide(BigInteger.valueOf(expected));
        BigInteger limit = params.powLimit();
        if (target.compareTo(limit) > 0) {
            target = limit;
        }
        if (target.signum() == 0) {
            // only reachable with a target of a few units; the smallest positive target instead
            target = BigInteger.ONE;
        }
        return CompactTarget.encode(target);
    }

    /** {@code (window - 1) * spacing} seconds, at least one spacing (a window of 1 measures one interval). */
    public static long expectedSeconds(NetworkParams params) {
        return Math.max(1, params.retargetWindow() - 1) * params.targetSpacing().getSeconds();
    }
}
