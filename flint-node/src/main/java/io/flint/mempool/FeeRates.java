package io.flint.mempool;

/**
 * Exact comparison of fee rates given as (fee, size) pairs. Sums over packages reach 2^51 units
 * times 2^26 bytes, past a {@code long}, and doubles would order near-equal rates by rounding
 * noise, so the cross products are compared as 128-bit numbers.
 */
public final class FeeRates {
    private FeeRates() {}

    /**
     * The sign of {@code feeA/sizeA - feeB/sizeB}, for non-negative fees and positive sizes.
     */
    public static int compare(long feeA, long sizeA, long feeB, long sizeB) {
        long highA = Math.multiplyHigh(feeA, sizeB);
        long highB = Math.multiplyHigh(feeB, sizeA);
        if (highA != highB) {
            return Long.compare(highA, highB);
        }
        return Long.compareUnsigned(feeA * sizeB, feeB * sizeA);
    }
}
