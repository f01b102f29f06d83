package io.flint.mining;

import io.flint.core.NetworkParams;
import java.time.Duration;

/**
 * How the miner works.
 *
 * @param threads worker loops, each scanning its own slice of the nonce range
 * @param nonceRange nonces tried per header variant before the time or extra nonce is rolled
 *     (2^32, the whole nonce field, except in tests that want to see the roll)
 * @param chunkSize nonces scanned between two checks for stale work (tip change, stop, refresh)
 * @param templateRefresh how old a template may get before it is rebuilt to take in new pool transactions
 * @param maxTimeRoll how far past the clock the timestamp may be rolled (capped by the network's
 *     maximum future block time) before the extra nonce is bumped instead
 * @param solvedWait how long workers wait for the tip to move after finding a block before
 *     they mine on the old tip again (the block may have been refused)
 * @param continuousInterval the least time, by the miner's clock, between a block this miner found
 *     and the next template of continuous mining (zero: at once). Blocks asked for with
 *     {@code mineOne} are never held back by it.
 */
public record MinerConfig(int threads, long nonceRange, int chunkSize, Duration templateRefresh, Duration maxTimeRoll,
                          Duration solvedWait, Duration continuousInterval) {
    public static final long FULL_NONCE_RANGE = 1L << 32;
    /** Continuous mining's default pace on a network that never retargets. */
    public static final Duration UNRETARGETED_INTERVAL = Duration.ofSeconds(1);

    public MinerConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("mining needs at least one thread, got " + threads);
        }
        if (nonceRange < threads || nonceRange > FULL_NONCE_RANGE) {
            throw new IllegalArgumentException("nonce range " + nonceRange + " must be in [threads, 2^32]");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkSize);
        }
        if (templateRefresh.isNegative() || templateRefresh.isZero() || maxTimeRoll.isNegative()
                || solvedWait.isNegative() || continuousInterval.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative (the refresh must be positive)");
        }
    }

    /**
     * {@code threads} workers over the full nonce range, 2^16-nonce chunks, 5 s refresh, 60 s time
     * roll, 5 s wait, continuous mining unpaced.
     */
    public static MinerConfig defaults(int threads) {
        return new MinerConfig(threads, FULL_NONCE_RANGE, 1 << 16, Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ZERO);
    }

    /**
     * The default pace of continuous mining on {@code network}: where the difficulty never
     * retargets (regtest) any few hashes make a block, so unpaced mining makes hundreds a second,
     * more than peers accept from one sender; there one block a second. Zero where the difficulty
     * follows the block rate (demo): the proof of work sets the pace.
     */
    public static Duration continuousIntervalFor(NetworkParams network) {
        return network.retargetingEnabled() ? Duration.ZERO : UNRETARGETED_INTERVAL;
    }

    public MinerConfig withNonceRange(long range, int chunk) {
        return new MinerConfig(threads, range, chunk, templateRefresh, maxTimeRoll, solvedWait, continuousInterval);
    }

    public MinerConfig withMaxTimeRoll(Duration roll) {
        return new MinerConfig(threads, nonceRange, chunkSize, templateRefresh, roll, solvedWait, continuousInterval);
    }

    public MinerConfig withContinuousInterval(Duration interval) {
        return new MinerConfig(threads, nonceRange, chunkSize, templateRefresh, maxTimeRoll, solvedWait, interval);
    }
}
