package io.flint.mempool;

import java.time.Duration;

/**
 * The pool's limits and policy knobs. {@link #DEFAULTS} are Bitcoin Core's where Flint has the
 * same notion (dust 546 units, OP_RETURN 80 bytes, 25 ancestors and descendants, 100 orphans,
 * 20-minute orphan expiry) and the otherwise (50 MB, 1 unit per byte, 24 hours).
 *
 * @param maxBytes the pool's bound, in serialized bytes of its transactions
 * @param minRelayFeeRate the least fee per serialized byte a transaction must pay to enter
 * @param expiry how long a transaction may wait in the pool before it is dropped
 * @param maxTxSize the largest transaction the pool accepts, bytes (at most the consensus limit)
 * @param dustLimit the least value of a spendable output, units
 * @param maxOpReturnData the most data bytes an OP_RETURN output may carry
 * @param maxAncestors the most in-pool ancestors a transaction may have, itself included
 * @param maxDescendants the most in-pool descendants a transaction may have, itself included
 * @param maxOrphans the most transactions kept while waiting for a missing parent
 * @param maxOrphanBytes the bound on the orphans' serialized bytes
 * @param orphanExpiry how long an orphan waits for its parents
 */
public record MempoolConfig(
        long maxBytes,
        long minRelayFeeRate,
        Duration expiry,
        int maxTxSize,
        long dustLimit,
        int maxOpReturnData,
        int maxAncestors,
        int maxDescendants,
        int maxOrphans,
        long maxOrphanBytes,
        Duration orphanExpiry) {

    public static final MempoolConfig DEFAULTS = new MempoolConfig(50_000_000L, 1, Duration.ofHours(24), 100_000, 546,
            80, 25, 25, 100, 5_000_000L, Duration.ofMinutes(20));

    public MempoolConfig {
        if (maxBytes < 1 || maxTxSize < 1 || maxOrphanBytes < 0 || maxOrphans < 0) {
            throw new IllegalArgumentException("pool sizes must be positive (orphan bounds may be 0)");
        }
        if (minRelayFeeRate < 0 || dustLimit < 0 || maxOpReturnData < 0) {
            throw new IllegalArgumentException("fee rate, dust limit and OP_RETURN size must not be negative");
        }
        if (maxAncestors < 1 || maxDescendants < 1) {
            throw new IllegalArgumentException("ancestor and descendant limits count the transaction itself, so are at least 1");
        }
        if (expiry.isNegative() || expiry.isZero() || orphanExpiry.isNegative() || orphanExpiry.isZero()) {
            throw new IllegalArgumentException("expiry times must be positive");
        }
    }

    public MempoolConfig withMaxBytes(long bytes) {
        return new MempoolConfig(bytes, minRelayFeeRate, expiry, maxTxSize, dustLimit, maxOpReturnData, maxAncestors,
                maxDescendants, maxOrphans, maxOrphanBytes, orphanExpiry);
    }

    public MempoolConfig withMinRelayFeeRate(long unitsPerByte) {
        return new MempoolConfig(maxBytes, unitsPerByte, expiry, maxTxSize, dustLimit, maxOpReturnData, maxAncestors,
                maxDescendants, maxOrphans, maxOrphanBytes, orphanExpiry);
    }

    public MempoolConfig withExpiry(Duration age) {
        return new MempoolConfig(maxBytes, minRelayFeeRate, age, maxTxSize, dustLimit, maxOpReturnData, maxAncestors,
                maxDescendants, maxOrphans, maxOrphanBytes, orphanExpiry);
    }

    public MempoolConfig withMaxTxSize(int bytes) {
        return new MempoolConfig(maxBytes, minRelayFeeRate, expiry, bytes, dustLimit, maxOpReturnData, maxAncestors,
                maxDescendants, maxOrphans, maxOrphanBytes, orphanExpiry);
    }

    public MempoolConfig withChainLimits(int ancestors, int descendants) {
        return new MempoolConfig(maxBytes, minRelayFeeRate, expiry, maxTxSize, dustLimit, maxOpReturnData, ancestors,
                descendants, maxOrphans, maxOrphanBytes, orphanExpiry);
    }

    public MempoolConfig withOrphanLimits(int count, long bytes, Duration age) {
        return new MempoolConfig(maxBytes, minRelayFeeRate, expiry, maxTxSize, dustLimit, maxOpReturnData, maxAncestors,
                maxDescendants, count, bytes, age);
    }

    /** The minimum relay fee of a transaction of {@code size} bytes, units. */
    public long minRelayFee(int size) {
        return Math.multiplyExact(minRelayFeeRate, (long) size);
    }
}
