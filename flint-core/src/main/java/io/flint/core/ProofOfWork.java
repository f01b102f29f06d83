package io.flint.core;

import java.math.BigInteger;

/**
 * Proof of work as Bitcoin Core checks and measures it: a hash, read as a little-endian 256-bit
 * number, must not exceed the target its block's {@code bits} encode; a block's work is the
 * expected number of hashes to find it, {@code 2^256 / (target + 1)}.
 */
public final class ProofOfWork {
    private ProofOfWork() {}

    /**
     * Bitcoin's CheckProofOfWork: {@code bits} decodes to a positive, non-overflowing target no
     * easier than {@code powLimit}, and {@code hash <= target}.
     */
    public static boolean check(Hash hash, long bits, BigInteger powLimit) {
        CompactTarget.Decoded d = CompactTarget.decode(bits);
        if (!d.isPositive() || d.target().compareTo(powLimit) > 0) {
            return false;
        }
        return hash.toBigInteger().compareTo(d.target()) <= 0;
    }

    /** The header's hash meets its own bits (and the limit). */
    public static boolean check(BlockHeader header, BigInteger powLimit) {
        return check(header.hash(), header.bits(), powLimit);
    }

    /** Bitcoin's GetBlockProof: 2^256 / (target + 1); zero for a negative, zero or overflowing target. */
    public static BigInteger work(long bits) {
        CompactTarget.Decoded d = CompactTarget.decode(bits);
        if (!d.isPositive()) {
            return BigInteger.ZERO;
        }
        return CompactTarget.TWO_256.divide(d.target().add(BigInteger.ONE));
    }

    /**
     * Difficulty as leading zero bits of the target, {@code 256 - log2(target)}, fractional: 1 more
     * means twice the work.
     */
    public static double difficultyBits(BigInteger target) {
        if (target.signum() <= 0) {
            throw new IllegalArgumentException("difficulty needs a positive target, got " + target);
        }
        return 256.0 - log2(target);
    }

    public static double difficultyBits(long bits) {
        return difficultyBits(CompactTarget.toTarget(bits));
    }

    private static double log2(BigInteger x) {
        int shift = Math.max(0, x.bitLength() - 60);
        // the top 60 bits carry all the precision a double has
        return shift + Math.log(x.shiftRight(shift).doubleValue()) / Math.log(2);
    }
}
