package io.flint.crypto;

/** Argument checks and the target comparison shared by both {@link DoubleSha256NonceScanner}s. */
final class NonceScanSupport {
    static final long NONCE_LIMIT = 1L << 32;

    private NonceScanSupport() {}

    static void checkPrefix(byte[] prefix) {
        if (prefix == null || prefix.length != DoubleSha256NonceScanner.PREFIX_LENGTH) {
            throw new IllegalArgumentException("prefix must be " + DoubleSha256NonceScanner.PREFIX_LENGTH
                    + " bytes, got " + (prefix == null ? "none" : prefix.length));
        }
    }

    static void checkTailLength(int tailLength) {
        if (tailLength < DoubleSha256NonceScanner.MIN_TAIL_LENGTH
                || tailLength > DoubleSha256NonceScanner.MAX_TAIL_LENGTH) {
            throw new IllegalArgumentException("tail must be " + DoubleSha256NonceScanner.MIN_TAIL_LENGTH + " to "
                    + DoubleSha256NonceScanner.MAX_TAIL_LENGTH + " bytes, got " + tailLength);
        }
    }

    static void checkTail(byte[] tail, int tailLength) {
        if (tail == null || tail.length != tailLength) {
            throw new IllegalArgumentException("tail must be " + tailLength + " bytes, got "
                    + (tail == null ? "none" : tail.length));
        }
    }

    static void checkRange(long startNonce, long count) {
        if (startNonce < 0 || startNonce >= NONCE_LIMIT) {
            throw new IllegalArgumentException("start nonce must be in [0, 2^32), got " + startNonce);
        }
        if (count < 0 || count > NONCE_LIMIT - startNonce) {
            throw new IllegalArgumentException("count must be in [0, 2^32 - start] = [0, "
                    + (NONCE_LIMIT - startNonce) + "], got " + count);
        }
    }

    /** The 32-byte big-endian target as eight words, most significant first. */
    static int[] targetWords(byte[] target32) {
        if (target32 == null || target32.length != 32) {
            throw new IllegalArgumentException("target must be 32 bytes (big-endian), got "
                    + (target32 == null ? "none" : target32.length));
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (target32[4 * i] & 0xff) << 24 | (target32[4 * i + 1] & 0xff) << 16
                    | (target32[4 * i + 2] & 0xff) << 8 | (target32[4 * i + 3] & 0xff);
        }
        return words;
    }

    /**
     * Whether a hash, given as SHA-256's eight big-endian state words, read as a little-endian
     * number is at most the target. The number's most significant word is the last state word
     * with its bytes reversed.
     */
    static boolean stateAtOrBelow(int[] state, int[] target) {
        for (int i = 0; i < 8; i++) {
            int cmp = Integer.compareUnsigned(Integer.reverseBytes(state[7 - i]), target[i]);
            if (cmp != 0) {
                return cmp < 0;
            }
        }
        return true;
    }

    /** Same comparison for a hash given as 32 bytes. */
    static boolean hashAtOrBelow(byte[] hash, int[] target) {
        for (int i = 0; i < 8; i++) {
            int at = 31 - 4 * i;
            int word = (hash[at] & 0xff) << 24 | (hash[at - 1] & 0xff) << 16
                    | (hash[at - 2] & 0xff) << 8 | (hash[at - 3] & 0xff);
            int cmp = Integer.compareUnsigned(word, target[i]);
            if (cmp != 0) {
                return cmp < 0;
            }
        }
        return true;
    }
}
