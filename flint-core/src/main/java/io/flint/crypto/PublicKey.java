package io.flint.crypto;

import java.util.Arrays;

/**
 * A secp256k1 public key known to be on the curve, in the encoding it was created or parsed
 * with: 33 bytes compressed (0x02/0x03) or 65 bytes uncompressed (0x04). The encoding matters:
 * the HASH160, and so the address, of the two forms differ.
 */
public final class PublicKey {
    private final byte[] encoded;

    private PublicKey(byte[] encoded) {
        this.encoded = encoded;
    }

    /** Parses with the default engine ({@link Secp256k1Engines#best()}). */
    public static PublicKey parse(byte[] encoded) {
        return parse(encoded, Secp256k1Engines.best());
    }

    /**
     * Parses a compressed or uncompressed key and checks that it is a point on the curve.
     * Hybrid encodings (0x06/0x07) are refused: Bitcoin only tolerates them inside old scripts,
     * and {@link Secp256k1#verify} accepts them there.
     *
     * @throws IllegalArgumentException naming the problem (length, prefix, not on the curve)
     */
    public static PublicKey parse(byte[] encoded, Secp256k1 engine) {
        EngineChecks.requirePublicKeyShape(encoded);
        int prefix = encoded[0] & 0xff;
        if (prefix == 0x06 || prefix == 0x07) {
            throw new IllegalArgumentException(String.format(
                    "hybrid public key encoding (prefix 0x%02x) is not accepted; use 0x02/0x03 or 0x04", prefix));
        }
        return new PublicKey(engine.parsePublicKey(encoded, encoded.length == 33));
    }

    /** Wraps an engine's own output, which needs no re-validation. */
    static PublicKey trusted(byte[] encoded) {
        return new PublicKey(encoded.clone());
    }

    /** The encoding (a copy). */
    public byte[] bytes() {
        return encoded.clone();
    }

    /** True for the 33-byte form. */
    public boolean compressed() {
        return encoded.length == 33;
    }

    /** The same point in the other (or the same) encoding. */
    public PublicKey withCompression(boolean compressed, Secp256k1 engine) {
        if (compressed == compressed()) {
            return this;
        }
        return new PublicKey(engine.parsePublicKey(encoded, compressed));
    }

    /** RIPEMD-160(SHA-256(encoding)), the hash a P2PKH script and address commit to. */
    public byte[] hash160() {
        return Hash160.hash(encoded);
    }

    /** The P2PKH address of this key on the given network. */
    public Address toAddress(AddressVersion version) {
        return Address.of(this, version);
    }

    /** Verifies a strict-DER, low-S signature with the default engine; never throws. */
    public boolean verify(byte[] digest32, byte[] derSignature) {
        return verify(digest32, derSignature, Secp256k1Engines.best());
    }

    /** Verifies a strict-DER, low-S signature; malformed input is {@code false}, never an exception. */
    public boolean verify(byte[] digest32, byte[] derSignature, Secp256k1 engine) {
        return engine.verify(digest32, derSignature, encoded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /** The hex encoding. */
    @Override
    public String toString() {
        return Hex.encode(encoded);
    }
}
