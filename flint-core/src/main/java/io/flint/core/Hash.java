package io.flint.core;

import io.flint.crypto.Hex;
import io.flint.crypto.Sha256;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A 32-byte hash (txid, block hash, Merkle root) in internal byte order, the order it is
 * serialized in. Bitcoin shows these hashes byte-reversed ("display order"), so
 * {@link #toString()} and {@link #fromDisplayHex(String)} use that order, and
 * {@link #toHex()} / {@link #fromHex(String)} the internal one.
 */
public final class Hash implements Comparable<Hash> {
    public static final int LENGTH = 32;

    /** All zeros: the previous-block hash of a genesis block and the txid of a null prevout. */
    public static final Hash ZERO = new Hash(new byte[LENGTH]);

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Internal byte order; the array is copied. */
    public static Hash of(byte[] internal) {
        if (internal.length != LENGTH) {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + internal.length);
        }
        return new Hash(internal.clone());
    }

    /** Takes ownership of a fresh 32-byte array that nobody else holds. */
    static Hash wrap(byte[] internal) {
        return new Hash(internal);
    }

    /** Double SHA-256 of {@code data}: how txids, block hashes and Merkle nodes are made. */
    public static Hash twice(byte[] data) {
        return new Hash(Sha256.hashTwice(data));
    }

    public static Hash twice(byte[] data, int offset, int length) {
        return new Hash(Sha256.hashTwice(data, offset, length));
    }

    /** Parses 64 hex characters in display (reversed) order, as Bitcoin prints txids. */
    public static Hash fromDisplayHex(String hex) {
        byte[] b = decode64(hex);
        reverse(b);
        return new Hash(b);
    }

    /** Parses 64 hex characters in internal order. */
    public static Hash fromHex(String hex) {
        return new Hash(decode64(hex));
    }

    private static byte[] decode64(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a hash is 64 hex characters, got " + hex.length());
        }
        return Hex.decode(hex);
    }

    private static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }

    /** Internal byte order (a copy). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Display (reversed) byte order (a copy). */
    public byte[] toDisplayBytes() {
        byte[] b = bytes.clone();
        reverse(b);
        return b;
    }

    void copyTo(byte[] dest, int offset) {
        System.arraycopy(bytes, 0, dest, offset, LENGTH);
    }

    /** Hex in internal order. */
    public String toHex() {
        return Hex.encode(bytes);
    }

    /**
     * The hash read as Bitcoin's uint256: the bytes are a little-endian 256-bit number. This is
     * the number proof of work compares with the target.
     */
    public BigInteger toBigInteger() {
        return new BigInteger(1, toDisplayBytes());
    }

    public boolean isZero() {
        return Arrays.equals(bytes, ZERO.bytes);
    }

    /** Byte {@code i} in internal order. */
    public byte byteAt(int i) {
        return bytes[i];
    }

    /** Display-order hex, as Bitcoin shows txids and block hashes. */
    @Override
    public String toString() {
        return Hex.encode(toDisplayBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        // the bytes are already uniformly distributed
        return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }

    /** Orders as the 256-bit numbers Bitcoin compares (little-endian), so smaller means more work. */
    @Override
    public int compareTo(Hash o) {
        for (int i = LENGTH - 1; i >= 0; i--) {
            int c = Integer.compare(bytes[i] & 0xff, o.bytes[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
