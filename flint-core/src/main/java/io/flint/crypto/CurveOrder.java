package io.flint.crypto;

import java.math.BigInteger;

/**
 * The order n of secp256k1's group and the scalar checks every part of this package needs. Kept
 * free of BouncyCastle so that the DER and key code does not pull the Java engine in.
 */
final class CurveOrder {
    static final BigInteger N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    static final BigInteger HALF_N = N.shiftRight(1);

    private CurveOrder() {}

    /** True for a scalar in [1, n-1]: a valid secret key, r or s. */
    static boolean isValidScalar(BigInteger value) {
        return value.signum() > 0 && value.compareTo(N) < 0;
    }

    /** True when the 32 bytes, read big-endian, are in [1, n-1]. */
    static boolean isValidScalar(byte[] bigEndian32) {
        return bigEndian32 != null
                && bigEndian32.length == 32
                && isValidScalar(new BigInteger(1, bigEndian32));
    }

    /** The unsigned value as exactly 32 big-endian bytes; the caller guarantees it fits. */
    static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
