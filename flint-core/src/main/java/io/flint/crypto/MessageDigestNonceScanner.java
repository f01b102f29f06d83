package io.flint.crypto;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The portable nonce scanner: a MessageDigest that has absorbed the prefix is cloned for every
 * counter value. Works on any JVM, at roughly two thirds of {@link CompressNonceScanner}'s speed.
 */
final class MessageDigestNonceScanner extends AbstractNonceScanner {
    private final int nonceOffset;
    private final MessageDigest afterPrefix;
    private final MessageDigest outer = Sha256.newDigest();
    private final byte[] tailBuffer;
    private final byte[] first = new byte[32];
    private final byte[] second = new byte[32];

    MessageDigestNonceScanner(byte[] prefix64, int tailLength) {
        super(prefix64, tailLength);
        this.nonceOffset = tailLength - 4;
        this.tailBuffer = new byte[tailLength];
        this.afterPrefix = Sha256.newDigest();
        afterPrefix.update(prefix64);
    }

    @Override
    public Path path() {
        return Path.MESSAGE_DIGEST;
    }

    @Override
    void loadTail(byte[] tail) {
        System.arraycopy(tail, 0, tailBuffer, 0, tailBuffer.length);
    }

    @Override
    byte[] hashLoadedTail() {
        hashTailBuffer();
        return second.clone();
    }

    @Override
    boolean hashWithNonceAtOrBelow(int nonce, int[] target) {
        tailBuffer[nonceOffset] = (byte) nonce;
        tailBuffer[nonceOffset + 1] = (byte) (nonce >>> 8);
        tailBuffer[nonceOffset + 2] = (byte) (nonce >>> 16);
        tailBuffer[nonceOffset + 3] = (byte) (nonce >>> 24);
        hashTailBuffer();
        return NonceScanSupport.hashAtOrBelow(second, target);
    }

    /** Leaves SHA-256(SHA-256(prefix || tailBuffer)) in {@link #second}. */
    private void hashTailBuffer() {
        try {
            MessageDigest inner = (MessageDigest) afterPrefix.clone();
            inner.update(tailBuffer);
            inner.digest(first, 0, 32);
            outer.update(first);
            outer.digest(second, 0, 32);
        } catch (CloneNotSupportedException | DigestException e) {
            // the JDK's SHA-256 is cloneable and 32 bytes always fit: this cannot happen
            throw new IllegalStateException(e);
        }
    }
}
