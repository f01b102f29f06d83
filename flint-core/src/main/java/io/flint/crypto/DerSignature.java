package io.flint.crypto;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An ECDSA signature as the pair (r, s), with the two ways Bitcoin reads DER.
 *
 * <ul>
 *   <li>Strict: {@link #isStrictDer(byte[])} is BIP66's {@code IsValidSignatureEncoding}, the
 *       rule a script enforces under DERSIG, and {@link #isLowS(byte[])} is {@code
 *       IsLowDERSignature} (LOW_S). Flint always signs and verifies in this form.
 *   <li>Lax: {@link #parseLax(byte[])} follows libsecp256k1's {@code
 *       ecdsa_signature_parse_der_lax}, which Bitcoin uses to read old, BER-ish signatures when
 *       DERSIG is not enforced; the result is then normalized to low S and verified.
 * </ul>
 *
 * <p>To verify as Bitcoin's {@code CPubKey::Verify} does (any encoding the lax parser reads,
 * either S), hand {@code parseLax(sig).map(s -> s.normalizeLowS().encode())} to {@link
 * Secp256k1#verify}; an empty result is a failed verification. Under DERSIG check {@link
 * #isStrictDer} first, under LOW_S also {@link #isLowS(byte[])}.
 *
 * <p>Every method here works on a signature <em>without</em> the trailing sighash-type byte of a
 * script signature, except {@link #isStrictDerWithHashType(byte[])}, which takes the script
 * form as Bitcoin's function does.
 *
 * @param r positive integer (not range-checked here: a value outside [1, n-1] fails verification)
 * @param s positive integer (idem)
 */
public record DerSignature(BigInteger r, BigInteger s) {
    /** Longest strict DER signature: two 33-byte integers and six bytes of framing. */
    public static final int MAX_LENGTH = 72;

    /** Shortest strict DER signature: two 1-byte integers and six bytes of framing. */
    public static final int MIN_LENGTH = 8;

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    public DerSignature {
        if (r == null || s == null) {
            throw new IllegalArgumentException("r and s are required");
        }
        if (r.signum() < 0 || s.signum() < 0) {
            throw new IllegalArgumentException("r and s must not be negative");
        }
    }

    /**
     * BIP66 strict DER, for a signature without a sighash byte: {@code 0x30 len 0x02 lenR R 0x02
     * lenS S}, lengths consistent with the total, each integer non-empty, non-negative and
     * minimally encoded. Never throws.
     */
    public static boolean isStrictDer(byte[] sig) {
        return sig != null && isStrictDer(sig, sig.length);
    }

    /**
     * Bitcoin's {@code IsValidSignatureEncoding} exactly: {@code sig} is a script signature whose
     * last byte is the sighash type (any value), the rest strict DER.
     */
    public static boolean isStrictDerWithHashType(byte[] sig) {
        return sig != null && sig.length >= 1 && isStrictDer(sig, sig.length - 1);
    }

    /** Strict DER over the first {@code size} bytes; BIP66's checks with the hash byte removed. */
    private static boolean isStrictDer(byte[] sig, int size) {
        if (size < MIN_LENGTH || size > MAX_LENGTH) {
            return false;
        }
        if ((sig[0] & 0xff) != SEQUENCE || (sig[1] & 0xff) != size - 2) {
            return false;
        }
        int lenR = sig[3] & 0xff;
        if (5 + lenR >= size) {
            return false;
        }
        int lenS = sig[5 + lenR] & 0xff;
        if (lenR + lenS + 6 != size) {
            return false;
        }
        return isMinimalPositiveInteger(sig, 2, lenR) && isMinimalPositiveInteger(sig, lenR + 4, lenS);
    }

    /** The INTEGER at {@code tagAt}: right tag, non-empty, not negative, no needless 0x00. */
    private static boolean isMinimalPositiveInteger(byte[] sig, int tagAt, int len) {
        if ((sig[tagAt] & 0xff) != INTEGER || len == 0) {
            return false;
        }
        int first = sig[tagAt + 2] & 0xff;
        if ((first & 0x80) != 0) {
            return false;
        }
        return !(len > 1 && first == 0 && (sig[tagAt + 3] & 0x80) == 0);
    }

    /**
     * Parses a strict DER signature (no sighash byte).
     *
     * @throws IllegalArgumentException naming the first rule the input breaks
     */
    public static DerSignature parseStrict(byte[] der) {
        if (der == null) {
            throw new IllegalArgumentException("signature is missing");
        }
        if (!isStrictDer(der)) {
            throw new IllegalArgumentException(strictDerProblem(der));
        }
        int lenR = der[3] & 0xff;
        int lenS = der[5 + lenR] & 0xff;
        return new DerSignature(unsigned(der, 4, lenR), unsigned(der, 6 + lenR, lenS));
    }

    /** Like {@link #parseStrict} but empty instead of an exception, for hot verification paths. */
    public static Optional<DerSignature> tryParseStrict(byte[] der) {
        if (!isStrictDer(der)) {
            return Optional.empty();
        }
        int lenR = der[3] & 0xff;
        int lenS = der[5 + lenR] & 0xff;
        return Optional.of(new DerSignature(unsigned(der, 4, lenR), unsigned(der, 6 + lenR, lenS)));
    }

    /** Explains why {@code der} is not strict DER, in the order BIP66 checks. */
    private static String strictDerProblem(byte[] der) {
        int size = der.length;
        if (size < MIN_LENGTH || size > MAX_LENGTH) {
            return "DER signature must be " + MIN_LENGTH + " to " + MAX_LENGTH + " bytes, got " + size;
        }
        if ((der[0] & 0xff) != SEQUENCE) {
            return String.format("DER signature must start with SEQUENCE 0x30, got 0x%02x at byte 0", der[0]);
        }
        if ((der[1] & 0xff) != size - 2) {
            return "DER sequence length at byte 1 is " + (der[1] & 0xff) + " but " + (size - 2)
                    + " bytes follow";
        }
        int lenR = der[3] & 0xff;
        if (5 + lenR >= size) {
            return "DER length of R at byte 3 (" + lenR + ") runs past the signature";
        }
        int lenS = der[5 + lenR] & 0xff;
        if (lenR + lenS + 6 != size) {
            return "DER lengths of R (" + lenR + ") and S (" + lenS + ") do not add up to the signature size "
                    + size;
        }
        String r = integerProblem(der, 2, lenR, "R");
        return r != null ? r : integerProblem(der, lenR + 4, lenS, "S");
    }

    private static String integerProblem(byte[] der, int tagAt, int len, String name) {
        if ((der[tagAt] & 0xff) != INTEGER) {
            return String.format("DER %s must be an INTEGER (0x02), got 0x%02x at byte %d", name, der[tagAt], tagAt);
        }
        if (len == 0) {
            return "DER " + name + " at byte " + tagAt + " has length zero";
        }
        int first = der[tagAt + 2] & 0xff;
        if ((first & 0x80) != 0) {
            return "DER " + name + " at byte " + (tagAt + 2) + " is negative";
        }
        if (len > 1 && first == 0 && (der[tagAt + 3] & 0x80) == 0) {
            return "DER " + name + " at byte " + (tagAt + 2) + " has a needless leading zero";
        }
        return null;
    }

    /**
     * Parses the way libsecp256k1's {@code ecdsa_signature_parse_der_lax} does: tolerates long
     * length forms, wrong sequence lengths, excess padding and trailing garbage. Like the C
     * function, an R or S that does not fit below n turns the whole signature into (0, 0), which
     * is accepted here and fails verification later. Empty when even a lax reading fails.
     */
    public static Optional<DerSignature> parseLax(byte[] input) {
        if (input == null) {
            return Optional.empty();
        }
        int len = input.length;
        int pos = 0;
        if (pos == len || (input[pos] & 0xff) != SEQUENCE) {
            return Optional.empty();
        }
        pos++;
        if (pos == len) {
            return Optional.empty();
        }
        int lenByte = input[pos++] & 0xff;
        if ((lenByte & 0x80) != 0) {
            // the sequence length is not trusted, only skipped
            lenByte -= 0x80;
            if (lenByte > len - pos) {
                return Optional.empty();
            }
            pos += lenByte;
        }
        long[] rField = laxInteger(input, pos);
        if (rField == null) {
            return Optional.empty();
        }
        int rPos = (int) rField[0];
        int rLen = (int) rField[1];
        pos = rPos + rLen;
        long[] sField = laxInteger(input, pos);
        if (sField == null) {
            return Optional.empty();
        }
        int sPos = (int) sField[0];
        int sLen = (int) sField[1];
        // bytes after S are ignored, as in the C function

        BigInteger r = laxValue(input, rPos, rLen);
        BigInteger s = laxValue(input, sPos, sLen);
        if (r == null || s == null || r.compareTo(CurveOrder.N) >= 0 || s.compareTo(CurveOrder.N) >= 0) {
            return Optional.of(new DerSignature(BigInteger.ZERO, BigInteger.ZERO));
        }
        return Optional.of(new DerSignature(r, s));
    }

    /**
     * Reads an INTEGER header at {@code pos}: returns {start of content, content length}, or null
     * when the tag is wrong or the content would run past the input.
     */
    private static long[] laxInteger(byte[] input, int pos) {
        int len = input.length;
        if (pos >= len || (input[pos] & 0xff) != INTEGER) {
            return null;
        }
        pos++;
        if (pos == len) {
            return null;
        }
        int lenByte = input[pos++] & 0xff;
        long contentLength;
        if ((lenByte & 0x80) != 0) {
            lenByte -= 0x80;
            if (lenByte > len - pos) {
                return null;
            }
            while (lenByte > 0 && input[pos] == 0) {
                pos++;
                lenByte--;
            }
            // the C code refuses a length that needs a full size_t (8 bytes on 64-bit)
            if (lenByte >= Long.BYTES) {
                return null;
            }
            contentLength = 0;
            while (lenByte > 0) {
                contentLength = (contentLength << 8) + (input[pos] & 0xff);
                pos++;
                lenByte--;
            }
        } else {
            contentLength = lenByte;
        }
        if (contentLength > len - pos) {
            return null;
        }
        return new long[] {pos, contentLength};
    }

    /** The unsigned value after dropping leading zeros; null when more than 32 bytes remain. */
    private static BigInteger laxValue(byte[] input, int pos, int len) {
        while (len > 0 && input[pos] == 0) {
            pos++;
            len--;
        }
        if (len > 32) {
            return null;
        }
        return unsigned(input, pos, len);
    }

    private static BigInteger unsigned(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return BigInteger.ZERO;
        }
        byte[] magnitude = new byte[length];
        System.arraycopy(bytes, offset, magnitude, 0, length);
        return new BigInteger(1, magnitude);
    }

    /**
     * Bitcoin's {@code IsLowDERSignature} on a signature without the sighash byte: strict DER
     * and {@code s <= n/2}. False for anything that is not strict DER.
     */
    public static boolean isLowS(byte[] der) {
        return tryParseStrict(der).map(DerSignature::isLowS).orElse(false);
    }

    /** True when {@code s <= n/2}: the one of the two valid S values Bitcoin accepts. */
    public boolean isLowS() {
        return s.compareTo(CurveOrder.HALF_N) <= 0;
    }

    /**
     * The same signature with S replaced by {@code n - s} when S is in the upper half (as
     * libsecp256k1's {@code signature_normalize}); unchanged otherwise, including an S outside
     * [1, n-1] that no normalization can make valid.
     */
    public DerSignature normalizeLowS() {
        if (isLowS() || s.compareTo(CurveOrder.N) >= 0) {
            return this;
        }
        return new DerSignature(r, CurveOrder.N.subtract(s));
    }

    /** Strict DER encoding of (r, s): the inverse of {@link #parseStrict}. */
    public static byte[] encode(BigInteger r, BigInteger s) {
        return new DerSignature(r, s).encode();
    }

    /**
     * DER encoding with minimal integers; strict DER (at most {@value #MAX_LENGTH} bytes) whenever
     * r and s are below 2^256, as every meaningful signature is.
     *
     * @throws IllegalArgumentException if r and s are too large for DER's one-byte length form
     */
    public byte[] encode() {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        if (4 + rBytes.length + sBytes.length > 127) {
            throw new IllegalArgumentException("r and s are too large for a short-form DER signature");
        }
        byte[] out = new byte[6 + rBytes.length + sBytes.length];
        out[0] = (byte) SEQUENCE;
        out[1] = (byte) (out.length - 2);
        out[2] = (byte) INTEGER;
        out[3] = (byte) rBytes.length;
        System.arraycopy(rBytes, 0, out, 4, rBytes.length);
        int sAt = 4 + rBytes.length;
        out[sAt] = (byte) INTEGER;
        out[sAt + 1] = (byte) sBytes.length;
        System.arraycopy(sBytes, 0, out, sAt + 2, sBytes.length);
        return out;
    }

    /**
     * The 64-byte {@code r || s} form (IEEE P1363, libsecp256k1's "compact").
     *
     * @throws IllegalArgumentException if r or s does not fit in 32 bytes
     */
    public byte[] toCompact() {
        if (r.bitLength() > 256 || s.bitLength() > 256) {
            throw new IllegalArgumentException("r and s must fit in 32 bytes for the compact form");
        }
        byte[] out = new byte[64];
        System.arraycopy(CurveOrder.toBytes32(r), 0, out, 0, 32);
        System.arraycopy(CurveOrder.toBytes32(s), 0, out, 32, 32);
        return out;
    }

    /**
     * Reads the 64-byte {@code r || s} form.
     *
     * @throws IllegalArgumentException if the input is not 64 bytes
     */
    public static DerSignature fromCompact(byte[] compact) {
        if (compact == null || compact.length != 64) {
            throw new IllegalArgumentException(
                    "compact signature must be 64 bytes, got " + (compact == null ? "none" : compact.length));
        }
        return new DerSignature(unsigned(compact, 0, 32), unsigned(compact, 32, 32));
    }

    /** True when both r and s are in [1, n-1], the range ECDSA verification requires. */
    public boolean isInRange() {
        return CurveOrder.isValidScalar(r) && CurveOrder.isValidScalar(s);
    }
}
