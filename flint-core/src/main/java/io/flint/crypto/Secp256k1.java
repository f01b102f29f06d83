package io.flint.crypto;

/**
 * ECDSA over secp256k1 as Bitcoin uses it: RFC 6979 deterministic nonces, low-S signatures,
 * strict DER. Two engines give bit-identical results: {@link NativeSecp256k1} (libsecp256k1
 * over JNI) and {@link JavaSecp256k1} (BouncyCastle), the fallback where the native library
 * cannot load.
 *
 * <p>Every method is pure: same input, same output, no state between calls. Both engines are
 * safe to share between threads. Pick one with {@link Secp256k1Engines}.
 *
 * <p>Public keys given to {@link #verify} and {@link #parsePublicKey} are read as libsecp256k1
 * (and so Bitcoin without STRICTENC) reads them: 33 bytes with prefix 0x02/0x03, or 65 bytes with
 * prefix 0x04, or the "hybrid" 0x06/0x07 whose prefix must match the parity of y.
 */
public sealed interface Secp256k1 permits NativeSecp256k1, JavaSecp256k1 {

    /** "native" or "java": shown in logs, metrics and benchmark tables. */
    String name();

    /** True when the 32-byte big-endian secret is in [1, n-1]. */
    boolean isValidSecret(byte[] secret);

    /**
     * The public key of a valid secret, 33 bytes compressed or 65 uncompressed.
     *
     * @throws IllegalArgumentException if the secret is not valid
     */
    byte[] publicKey(byte[] secret, boolean compressed);

    /**
     * Validates an encoded public key (33-byte compressed or 65-byte uncompressed, on the curve)
     * and returns it re-encoded as requested.
     *
     * @throws IllegalArgumentException if it is not a valid point encoding
     */
    byte[] parsePublicKey(byte[] encoded, boolean compressed);

    /** Signs a 32-byte digest; returns a strict-DER signature with low S (no sighash byte). */
    byte[] sign(byte[] digest32, byte[] secret);

    /**
     * Verifies a strict-DER, low-S signature over a 32-byte digest. Anything malformed
     * (non-DER, high S, bad key, wrong length) is simply {@code false}, never an exception.
     */
    boolean verify(byte[] digest32, byte[] derSignature, byte[] publicKey);

    /** (secret + tweak) mod n, for BIP32 private derivation; throws if the result is invalid. */
    byte[] privateKeyTweakAdd(byte[] secret, byte[] tweak32);

    /** point + tweak*G, compressed, for BIP32 public derivation; throws if the result is invalid. */
    byte[] publicKeyTweakAdd(byte[] publicKey, byte[] tweak32);
}
