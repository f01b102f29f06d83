package io.flint.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The argument checks both {@link Secp256k1} engines make before any curve arithmetic, kept in
 * one place so the two cannot drift apart and answer differently.
 */
final class EngineChecks {
    static final int DIGEST_LENGTH = 32;
    static final String ZERO_SECRET_AFTER_TWEAK = "tweaked secret key is zero";
    static final String INFINITY_AFTER_TWEAK = "tweaked public key is the point at infinity";
    static final String NOT_ON_CURVE = "public key is not a valid point on secp256k1";

    private static final byte[] N_BYTES = CurveOrder.toBytes32(CurveOrder.N);
    private static final byte[] HALF_N_BYTES = CurveOrder.toBytes32(CurveOrder.HALF_N);

    private EngineChecks() {}

    /**
     * The signature as 64-byte {@code r || s} when every precondition of {@link Secp256k1#verify}
     * holds (32-byte digest, strict DER, r in [1, n-1], s in [1, n/2], a public key of a length
     * and prefix libsecp256k1 reads), else null. Works on bytes only: verification is hot.
     */
    static byte[] verifiableCompact(byte[] digest32, byte[] der, byte[] publicKey) {
        if (digest32 == null || digest32.length != DIGEST_LENGTH || !hasPublicKeyShape(publicKey)
                || !DerSignature.isStrictDer(der)) {
            return null;
        }
        byte[] compact = new byte[64];
        int lenR = der[3] & 0xff;
        int lenS = der[5 + lenR] & 0xff;
        if (!copyInteger(der, 4, lenR, compact, 0) || !copyInteger(der, 6 + lenR, lenS, compact, 32)) {
            return null;
        }
        boolean rInRange = !isZero(compact, 0) && Arrays.compareUnsigned(compact, 0, 32, N_BYTES, 0, 32) < 0;
        boolean sLowAndNonZero =
                !isZero(compact, 32) && Arrays.compareUnsigned(compact, 32, 64, HALF_N_BYTES, 0, 32) <= 0;
        return rInRange && sLowAndNonZero ? compact : null;
    }

    /** Right-aligns a strict-DER integer into 32 bytes; false when it does not fit. */
    private static boolean copyInteger(byte[] der, int at, int len, byte[] out, int outAt) {
        // strict DER allows a single leading zero, and only to keep the value positive
        if (der[at] == 0) {
            at++;
            len--;
        }
        if (len > 32) {
            return false;
        }
        System.arraycopy(der, at, out, outAt + 32 - len, len);
        return true;
    }

    private static boolean isZero(byte[] bytes, int from) {
        int acc = 0;
        for (int i = from; i < from + 32; i++) {
            acc |= bytes[i];
        }
        return acc == 0;
    }

    /** Length and prefix of a key libsecp256k1 would try to parse (curve membership not checked). */
    static boolean hasPublicKeyShape(byte[] encoded) {
        if (encoded == null) {
            return false;
        }
        int prefix = encoded.length == 0 ? -1 : encoded[0] & 0xff;
        return switch (encoded.length) {
            case 33 -> prefix == 0x02 || prefix == 0x03;
            case 65 -> prefix == 0x04 || prefix == 0x06 || prefix == 0x07;
            default -> false;
        };
    }

    static void requirePublicKeyShape(byte[] encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("public key is missing");
        }
        if (encoded.length != 33 && encoded.length != 65) {
            throw new IllegalArgumentException(
                    "public key must be 33 bytes (compressed) or 65 bytes (uncompressed), got " + encoded.length);
        }
        if (!hasPublicKeyShape(encoded)) {
            throw new IllegalArgumentException(String.format(
                    "public key of %d bytes cannot start with 0x%02x", encoded.length, encoded[0]));
        }
    }

    static void requireSecret(byte[] secret) {
        if (secret == null || secret.length != 32) {
            throw new IllegalArgumentException("secret key must be 32 bytes, got "
                    + (secret == null ? "none" : secret.length));
        }
        if (!CurveOrder.isValidScalar(secret)) {
            throw new IllegalArgumentException("secret key is not in [1, n-1] (zero or not below the curve order)");
        }
    }

    static void requireDigest(byte[] digest32) {
        if (digest32 == null || digest32.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("digest must be 32 bytes, got "
                    + (digest32 == null ? "none" : digest32.length));
        }
    }

    /** A tweak is 32 bytes below n; zero is allowed (libsecp256k1's rule). */
    static BigInteger requireTweak(byte[] tweak32) {
        if (tweak32 == null || tweak32.length != 32) {
            throw new IllegalArgumentException("tweak must be 32 bytes, got "
                    + (tweak32 == null ? "none" : tweak32.length));
        }
        BigInteger tweak = new BigInteger(1, tweak32);
        if (tweak.compareTo(CurveOrder.N) >= 0) {
            throw new IllegalArgumentException("tweak is not below the curve order");
        }
        return tweak;
    }
}
