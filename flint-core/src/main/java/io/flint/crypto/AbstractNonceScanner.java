package io.flint.crypto;

import java.util.OptionalLong;

/**
 * The argument checks and the counter loop both nonce scanners share; a subclass supplies only
 * how one message is hashed and compared.
 */
abstract sealed class AbstractNonceScanner implements DoubleSha256NonceScanner
        permits CompressNonceScanner, MessageDigestNonceScanner {
    private final int tailLength;

    AbstractNonceScanner(byte[] prefix64, int tailLength) {
        NonceScanSupport.checkPrefix(prefix64);
        NonceScanSupport.checkTailLength(tailLength);
        this.tailLength = tailLength;
    }

    /** Copies the tail (all of it, the counter included) into the working message. */
    abstract void loadTail(byte[] tail);

    /** The double hash of the working message, as 32 new bytes. */
    abstract byte[] hashLoadedTail();

    /** Writes {@code nonce} little-endian into the working tail's last four bytes, hashes, compares. */
    abstract boolean hashWithNonceAtOrBelow(int nonce, int[] target);

    @Override
    public final int tailLength() {
        return tailLength;
    }

    @Override
    public final byte[] doubleHash(byte[] tail) {
        NonceScanSupport.checkTail(tail, tailLength);
        loadTail(tail);
        return hashLoadedTail();
    }

    @Override
    public final OptionalLong scan(byte[] tail, long startNonce, long count, byte[] target32) {
        NonceScanSupport.checkTail(tail, tailLength);
        NonceScanSupport.checkRange(startNonce, count);
        int[] target = NonceScanSupport.targetWords(target32);
        loadTail(tail);
        long end = startNonce + count;
        for (long nonce = startNonce; nonce < end; nonce++) {
            if (hashWithNonceAtOrBelow((int) nonce, target)) {
                return OptionalLong.of(nonce);
            }
        }
        return OptionalLong.empty();
    }
}
