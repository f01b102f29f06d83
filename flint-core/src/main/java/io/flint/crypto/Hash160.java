package io.flint.crypto;

/** RIPEMD-160(SHA-256(data)): the 20-byte public key hash inside P2PKH scripts and addresses. */
public final class Hash160 {
    public static final int LENGTH = 20;

    private Hash160() {}

    public static byte[] hash(byte[] data) {
        return Ripemd160.hash(Sha256.hash(data));
    }
}
