package io.flint.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 and Bitcoin's double SHA-256. The JDK's implementation is used because HotSpot
 * compiles it to the CPU's SHA instructions where they exist.
 */
public final class Sha256 {
    public static final int DIGEST_LENGTH = 32;

    /** Never updated, only cloned: cloning is cheaper than a provider lookup per call. */
    private static final MessageDigest PROTOTYPE = newDigest();

    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    static MessageDigest fresh() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest();
        }
    }

    public static byte[] hash(byte[] data) {
        return fresh().digest(data);
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        MessageDigest md = fresh();
        md.update(data, offset, length);
        return md.digest();
    }

    /** SHA-256(SHA-256(data)), the hash of Bitcoin's transactions, headers and checksums. */
    public static byte[] hashTwice(byte[] data) {
        return hashTwice(data, 0, data.length);
    }

    public static byte[] hashTwice(byte[] data, int offset, int length) {
        MessageDigest md = fresh();
        md.update(data, offset, length);
        return md.digest(md.digest());
    }

    /** SHA-256(SHA-256(a || b)), used by the Merkle tree without concatenating. */
    public static byte[] hashTwice(byte[] a, byte[] b) {
        MessageDigest md = fresh();
        md.update(a);
        md.update(b);
        return md.digest(md.digest());
    }
}
