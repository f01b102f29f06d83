package io.flint.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A secp256k1 secret in [1, n-1] and whether its public key is used compressed (the WIF flag).
 * The secret never appears in {@link #toString()}, and {@link #equals} compares in constant time.
 */
public final class PrivateKey {
    private final byte[] secret;
    private final boolean compressed;

    private PrivateKey(byte[] secret, boolean compressed) {
        this.secret = secret;
        this.compressed = compressed;
    }

    /**
     * A key from its 32-byte big-endian secret.
     *
     * @throws IllegalArgumentException if the secret is not 32 bytes or not in [1, n-1]
     */
    public static PrivateKey of(byte[] secret32, boolean compressed) {
        EngineChecks.requireSecret(secret32);
        return new PrivateKey(secret32.clone(), compressed);
    }

    /** A fresh random key with a compressed public key. */
    public static PrivateKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] candidate = new byte[32];
        // a uniform 256-bit value is out of range with probability about 2^-128: just draw again
        do {
            random.nextBytes(candidate);
        } while (!CurveOrder.isValidScalar(candidate));
        return new PrivateKey(candidate, true);
    }

    /** The 32-byte secret (a copy: wipe it when done). */
    public byte[] bytes() {
        return secret.clone();
    }

    /** Whether the public key, address and WIF use the compressed encoding. */
    public boolean compressed() {
        return compressed;
    }

    /** The public key with the default engine. */
    public PublicKey publicKey() {
        return publicKey(Secp256k1Engines.best());
    }

    public PublicKey publicKey(Secp256k1 engine) {
        return PublicKey.trusted(engine.publicKey(secret, compressed));
    }

    /** Signs a 32-byte digest with the default engine: strict DER, low S, RFC 6979 nonce. */
    public byte[] sign(byte[] digest32) {
        return sign(digest32, Secp256k1Engines.best());
    }

    /**
     * Signs a 32-byte digest: strict DER, low S, RFC 6979 nonce, no sighash byte.
     *
     * @throws IllegalArgumentException if the digest is not 32 bytes
     */
    public byte[] sign(byte[] digest32, Secp256k1 engine) {
        return engine.sign(digest32, secret);
    }

    /** Constant-time in the secret, so timing does not tell how many leading bytes matched. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PrivateKey other)) {
            return false;
        }
        boolean sameSecret = MessageDigest.isEqual(secret, other.secret);
        return sameSecret && compressed == other.compressed;
    }

    /** Derived from a hash of the secret, so it reveals nothing usable about it. */
    @Override
    public int hashCode() {
        byte[] h = Sha256.hash(secret);
        return ((h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff)) ^ (compressed ? 1 : 0);
    }

    /** Shows the compression flag only; the secret is never printed. */
    @Override
    public String toString() {
        return "PrivateKey[" + (compressed ? "compressed" : "uncompressed") + ", secret hidden]";
    }
}
