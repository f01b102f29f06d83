package io.flint.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/** Base58 with a 4-byte double-SHA-256 checksum, as used by addresses and WIF keys. */
public final class Base58Check {
    private Base58Check() {}

    public static String encode(byte[] payload) {
        byte[] checksum = Sha256.hashTwice(payload);
        byte[] full = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(checksum, 0, full, payload.length, 4);
        return Base58.encode(full);
    }

    /** Returns the payload without its checksum. */
    public static byte[] decode(String encoded) {
        byte[] full = Base58.decode(encoded);
        if (full.length < 4) {
            throw new IllegalArgumentException("Base58Check string too short (" + full.length + " bytes)");
        }
        byte[] payload = Arrays.copyOf(full, full.length - 4);
        byte[] expected = Arrays.copyOf(Sha256.hashTwice(payload), 4);
        byte[] actual = Arrays.copyOfRange(full, full.length - 4, full.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new IllegalArgumentException("Base58Check checksum mismatch");
        }
        return payload;
    }
}
