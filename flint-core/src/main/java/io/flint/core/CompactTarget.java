package io.flint.core;

import java.math.BigInteger;

/**
 * Bitcoin's "compact" 32-bit encoding of a 256-bit target ({@code nBits}): one size byte, a sign
 * bit and a 23-bit mantissa, with exactly the semantics of Bitcoin Core's
 * {@code arith_uint256::SetCompact} / {@code GetCompact}, quirks included (a sign bit with a zero
 * mantissa is not negative; sizes that push the value past 256 bits overflow).
 */
public final class CompactTarget {
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    private static final BigInteger MASK_256 = TWO_256.subtract(BigInteger.ONE);

    /** A decoded compact value: the 256-bit number and Bitcoin's negative/overflow flags. */
    public record Decoded(BigInteger target, boolean negative, boolean overflow) {
        /** Usable as a proof-of-work target: positive and not overflowed. */
        public boolean isPositive() {
            return !negative && !overflow && target.signum() > 0;
        }
    }

    private CompactTarget() {}

    /** SetCompact: {@code bits} is a uint32. The target is reduced to 256 bits as uint256 is. */
    public static Decoded decode(long bits) {
        if (bits < 0 || bits > 0xffff_ffffL) {
            throw new IllegalArgumentException("compact bits " + bits + " is not a uint32");
        }
        int size = (int) (bits >>> 24);
        long word = bits & 0x007f_ffffL;
        BigInteger target;
        if (size <= 3) {
            word >>>= 8 * (3 - size);
            target = BigInteger.valueOf(word);
        } else {
            target = BigInteger.valueOf(word).shiftLeft(8 * (size - 3)).and(MASK_256);
        }
        boolean negative = word != 0 && (bits & 0x0080_0000L) != 0;
        boolean overflow = word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        return new Decoded(target, negative, overflow);
    }

    /** GetCompact of a non-negative value below 2^256. */
    public static long encode(BigInteger target) {
        return encode(target, false);
    }

    /** GetCompact with Bitcoin's sign handling (the sign bit is only set with a non-zero mantissa). */
    public static long encode(BigInteger target, boolean negative) {
        if (target.signum() < 0 || target.bitLength() > 256) {
            throw new IllegalArgumentException("a target is a 256-bit unsigned number, got " + target);
        }
        int size = (target.bitLength() + 7) / 8;
        long compact;
        if (size <= 3) {
            compact = target.longValue() << 8 * (3 - size);
        } else {
            compact = target.shiftRight(8 * (size - 3)).longValue();
        }
        if ((compact & 0x0080_0000L) != 0) {
            compact >>>= 8;
            size++;
        }
        compact |= (long) size << 24;
        if (negative && (compact & 0x007f_ffffL) != 0) {
            compact |= 0x0080_0000L;
        }
        return compact & 0xffff_ffffL;
    }

    /** The target a compact value stands for; throws if it is negative, zero or overflows. */
    public static BigInteger toTarget(long bits) {
        Decoded d = decode(bits);
        if (!d.isPositive()) {
            throw new IllegalArgumentException(String.format("compact bits 0x%08x is not a positive target", bits));
        }
        return d.target();
    }
}
