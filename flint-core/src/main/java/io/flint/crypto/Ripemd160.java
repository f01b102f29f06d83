package io.flint.crypto;

import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/** RIPEMD-160 from BouncyCastle: the JDK has none. */
public final class Ripemd160 {
    public static final int DIGEST_LENGTH = 20;

    private Ripemd160() {}

    public static byte[] hash(byte[] data) {
        RIPEMD160Digest digest = new RIPEMD160Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[DIGEST_LENGTH];
        digest.doFinal(out, 0);
        return out;
    }
}
