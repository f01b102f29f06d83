package io.flint.wallet;

import io.flint.crypto.Base58Check;
import io.flint.crypto.Hash160;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A BIP32 extended key: a secp256k1 key (private, or public only) with the chain code that
 * lets it derive children, and its place in the tree (depth, parent fingerprint, child number).
 * Immutable; created by {@link HdKeyDerivation}, which holds the elliptic-curve engine.
 *
 * <p>{@link #toString()} shows only public data.
 */
public final class ExtendedKey {
    /** Mainnet version bytes of a serialized private key: "xprv...". */
    public static final int XPRV_VERSION = 0x0488ADE4;
    /** Mainnet version bytes of a serialized public key: "xpub...". */
    public static final int XPUB_VERSION = 0x0488B21E;
    /** Bytes of a serialized key before its Base58Check checksum. */
    public static final int SERIALIZED_LENGTH = 78;

    private final int depth;
    private final int parentFingerprint;
    private final ChildNumber childNumber;
    private final byte[] chainCode;
    private final byte[] secret;
    private final byte[] publicKey;

    /** Trusts its caller to have validated the key material (only {@link HdKeyDerivation} builds keys). */
    ExtendedKey(int depth, int parentFingerprint, ChildNumber childNumber, byte[] chainCode, byte[] secret, byte[] publicKey) {
        if (depth < 0 || depth > 255) {
            throw new IllegalArgumentException("BIP32 depth must be in [0, 255], got " + depth);
        }
        if (chainCode.length != 32) {
            throw new IllegalArgumentException("chain code must be 32 bytes, got " + chainCode.length);
        }
        if (secret != null && secret.length != 32) {
            throw new IllegalArgumentException("private key must be 32 bytes, got " + secret.length);
        }
        if (publicKey.length != 33) {
            throw new IllegalArgumentException("public key must be 33 bytes (compressed), got " + publicKey.length);
        }
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = Objects.requireNonNull(childNumber, "childNumber");
        this.chainCode = chainCode.clone();
        this.secret = secret == null ? null : secret.clone();
        this.publicKey = publicKey.clone();
    }

    public int depth() {
        return depth;
    }

    /** First 4 bytes of HASH160 of the parent's public key, big-endian; 0 for a master key. */
    public int parentFingerprint() {
        return parentFingerprint;
    }

    public ChildNumber childNumber() {
        return childNumber;
    }

    public byte[] chainCode() {
        return chainCode.clone();
    }

    public boolean hasPrivateKey() {
        return secret != null;
    }

    /**
     * The 32-byte private key (a copy).
     *
     * @throws IllegalStateException for a public-only key
     */
    public byte[] secret() {
        if (secret == null) {
            throw new IllegalStateException("this extended key is public only; it has no private key");
        }
        return secret.clone();
    }

    /** The 33-byte compressed public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** HASH160 of the public key: the P2PKH payload and, in its first 4 bytes, the fingerprint. */
    public byte[] identifier() {
        return Hash160.hash(publicKey);
    }

    /** This key's fingerprint: the parent fingerprint its children carry. */
    public int fingerprint() {
        return ByteBuffer.wrap(identifier()).getInt();
    }

    /** The same key without its private half. */
    public ExtendedKey neuter() {
        return secret == null ? this : new ExtendedKey(depth, parentFingerprint, childNumber, chainCode, null, publicKey);
    }

    /**
     * The xprv string.
     *
     * @throws IllegalStateException for a public-only key
     */
    public String toXprv() {
        byte[] copy = secret();
        byte[] key = new byte[33];
        System.arraycopy(copy, 0, key, 1, 32);
        Arrays.fill(copy, (byte) 0);
        try {
            return Base58Check.encode(serialize(XPRV_VERSION, key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The xpub string. */
    public String toXpub() {
        return Base58Check.encode(serialize(XPUB_VERSION, publicKey));
    }

    private byte[] serialize(int version, byte[] key33) {
        return ByteBuffer.allocate(SERIALIZED_LENGTH)
                .putInt(version)
                .put((byte) depth)
                .putInt(parentFingerprint)
                .putInt(childNumber.value())
                .put(chainCode)
                .put(key33)
                .array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedKey k
                && depth == k.depth
                && parentFingerprint == k.parentFingerprint
                && childNumber.equals(k.childNumber)
                && Arrays.equals(chainCode, k.chainCode)
                && Arrays.equals(secret, k.secret)
                && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(depth, parentFingerprint, childNumber, Arrays.hashCode(chainCode), Arrays.hashCode(publicKey),
                secret != null);
    }

    @Override
    public String toString() {
        return "ExtendedKey[" + (secret != null ? "private" : "public") + ", depth " + depth + ", " + toXpub() + "]";
    }
}
