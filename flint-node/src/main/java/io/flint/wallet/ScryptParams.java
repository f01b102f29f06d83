package io.flint.wallet;

/**
 * Cost of the scrypt key derivation that turns a keystore password into its AES key. The
 * default (N = 2^15, r = 8, p = 1: 32 MiB, about a tenth of a second) makes each password
 * guess expensive; tests use a small N. Bounds also protect against a hostile keystore file
 * that names a cost too large to compute.
 */
public record ScryptParams(int n, int r, int p) {
    public static final ScryptParams DEFAULT = new ScryptParams(1 << 15, 8, 1);
    /** The most memory a keystore may ask for: 128 * r * N bytes. */
    public static final long MAX_MEMORY_BYTES = 256L << 20;

    public ScryptParams {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt N must be a power of two of at least 2, got " + n);
        }
        if (r < 1 || r > 32) {
            throw new IllegalArgumentException("scrypt r must be in [1, 32], got " + r);
        }
        if (p < 1 || p > 16) {
            throw new IllegalArgumentException("scrypt p must be in [1, 16], got " + p);
        }
        if (128L * r * n > MAX_MEMORY_BYTES) {
            throw new IllegalArgumentException("scrypt N=" + n + " r=" + r + " needs " + (128L * r * n >> 20)
                    + " MiB, more than the " + (MAX_MEMORY_BYTES >> 20) + " MiB limit");
        }
    }
}
