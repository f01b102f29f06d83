package io.flint.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.OptionalLong;

/**
 * The portable nonce scanner: a MessageDigest that has absorbed the prefix is cloned for every
 * counter value. Works on any JVM; about half the speed of {@link CompressNonceScanner}.
 */
final class MessageDigestNonceScanner implements DoubleSha256NonceScanner {
    private final int tailLength;
    private final int nonceOffset;
    private final MessageDigest afterPrefix;
    private final MessageDigest outer = Sha256.newDigest();
    private final byte[] tailBuffer;
    private final byte[] first = new byte[32];
    private final byte[] second = new byte[32];

    MessageDigestNonceScanner(byte[] prefix64, int tailLength) {
        this.tailLength = tailLength;
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
    public int tailLength() {
        return tailLength;
    }

    @Override
    public byte[] doubleHash(byte[] tail) {
        NonceScanSupport.checkTail(tail, tailLength);
        System.arraycopy(tail, 0, tailBuffer, 0, tailLength);
        hashCurrentTail();
        return second.clone();
    }

    @Override
    public OptionalLong scan(byte[] tail, long startNonce, long count, byte[] target32) {
        NonceScanSupport.checkTail(tail, tailLength);
        NonceScanSupport.checkRange(startNonce, count);
        int[] target = NonceScanSupport.targetWords(target32);
        System.arraycopy(tail, 0, tailBuffer, 0, tailLength);
        long end = startNonce + count;
        for (long nonce = startNonce; nonce < end; nonce++) {
            int n = (int) nonce;
            tailBuffer[nonceOffset] = (byte) n;
            tailBuffer[nonceOffset + 1] = (byte) (n >>> 8);
            tailBuffer[nonceOffset + 2] = (byte) (n >>> 16);
            tailBuffer[nonceOffset + 3] = (byte) (n >>> 24);
            hashCurrentTail();
            if (NonceScanSupport.hashAtOrBelow(second, target)) {
                return OptionalLong.of(nonce);
            }
        }
        return OptionalLong.empty();
    }

    /** Leaves SHA-256(SHA-256(prefix || tailBuffer)) in {@link #second}. */
    private void hashCurrentTail() {
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
