package io.flint.wallet;

import io.flint.crypto.Base58Check;
import io.flint.crypto.Secp256k1;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BIP32: the master key of a seed, child derivation (private and public, hardened and normal),
 * paths, and parsing of xprv/xpub strings with every check of the spec's invalid-key list.
 * The elliptic-curve work is the injected {@link Secp256k1} engine's.
 */
public final class HdKeyDerivation {
    private static final byte[] MASTER_HMAC_KEY = "Bitcoin seed".getBytes(StandardCharsets.US_ASCII);

    private final Secp256k1 engine;

    public HdKeyDerivation(Secp256k1 engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The master key of a seed (16 to 64 bytes): HMAC-SHA512 keyed "Bitcoin seed".
     *
     * @throws IllegalArgumentException for a seed of another length, or one whose master key
     *     is invalid (probability below 2^-127: use another seed)
     */
    public ExtendedKey master(byte[] seed) {
        if (seed.length < 16 || seed.length > 64) {
            throw new IllegalArgumentException("a BIP32 seed is 16 to 64 bytes, got " + seed.length);
        }
        byte[] i = hmacSha512(MASTER_HMAC_KEY, seed);
        byte[] il = Arrays.copyOfRange(i, 0, 32);
        byte[] ir = Arrays.copyOfRange(i, 32, 64);
        try {
            if (!engine.isValidSecret(il)) {
                throw new IllegalArgumentException("this seed gives an invalid BIP32 master key; generate another seed");
            }
            return new ExtendedKey(0, 0, new ChildNumber(0), ir, il, engine.publicKey(il, true));
        } finally {
            Arrays.fill(i, (byte) 0);
            Arrays.fill(il, (byte) 0);
        }
    }

    /**
     * The child of {@code parent} at {@code child}: private derivation when the parent has its
     * private key, public derivation otherwise.
     *
     * @throws IllegalArgumentException asking for a hardened child of a public-only key, or
     *     past depth 255
     * @throws InvalidChildKeyException in BIP32's rare invalid case; derive the next index instead
     */
    public ExtendedKey deriveChild(ExtendedKey parent, ChildNumber child) {
        if (parent.depth() == 255) {
            throw new IllegalArgumentException("BIP32 keys go at most 255 levels deep");
        }
        if (child.isHardened() && !parent.hasPrivateKey()) {
            throw new IllegalArgumentException("hardened child " + child + " needs the private key; this key is public only");
        }
        byte[] parentSecret = parent.hasPrivateKey() ? parent.secret() : null;
        byte[] parentPublic = parent.publicKey();
        byte[] data = new byte[37];
        if (child.isHardened()) {
            System.arraycopy(parentSecret, 0, data, 1, 32);
        } else {
            System.arraycopy(parentPublic, 0, data, 0, 33);
        }
        ByteBuffer.wrap(data, 33, 4).putInt(child.value());
        byte[] i = hmacSha512(parent.chainCode(), data);
        byte[] il = Arrays.copyOfRange(i, 0, 32);
        byte[] ir = Arrays.copyOfRange(i, 32, 64);
        try {
            if (!isBelowCurveOrder(il)) {
                throw new InvalidChildKeyException(child, "I_L is not below the curve order");
            }
            int depth = parent.depth() + 1;
            int fingerprint = parent.fingerprint();
            if (parentSecret != null) {
                byte[] childSecret;
                try {
                    childSecret = engine.privateKeyTweakAdd(parentSecret, il);
                } catch (IllegalArgumentException e) {
                    // the engine's contract: it throws exactly when the sum is zero mod n
                    throw new InvalidChildKeyException(child, "the child key is zero");
                }
                try {
                    return new ExtendedKey(depth, fingerprint, child, ir, childSecret, engine.publicKey(childSecret, true));
                } finally {
                    Arrays.fill(childSecret, (byte) 0);
                }
            }
            byte[] childPublic;
            try {
                childPublic = engine.publicKeyTweakAdd(parentPublic, il);
            } catch (IllegalArgumentException e) {
                throw new InvalidChildKeyException(child, "the child point is at infinity");
            }
            return new ExtendedKey(depth, fingerprint, child, ir, null, childPublic);
        } finally {
            Arrays.fill(data, (byte) 0);
            Arrays.fill(i, (byte) 0);
            Arrays.fill(il, (byte) 0);
            if (parentSecret != null) {
                Arrays.fill(parentSecret, (byte) 0);
            }
        }
    }

    /** Derives every step of {@code path} from {@code root} (normally the master key). */
    public ExtendedKey derivePath(ExtendedKey root, DerivationPath path) {
        ExtendedKey key = root;
        for (ChildNumber step : path.steps()) {
            key = deriveChild(key, step);
        }
        return key;
    }

    /**
     * Parses an xprv or xpub string.
     *
     * @throws InvalidExtendedKeyException whose {@link InvalidExtendedKeyException#reason()}
     *     names the failed check
     */
    public ExtendedKey parse(String base58) {
        byte[] data;
        try {
            data = Base58Check.decode(base58.strip());
        } catch (IllegalArgumentException e) {
            boolean checksum = e.getMessage() != null && e.getMessage().contains("checksum");
            throw new InvalidExtendedKeyException(
                    checksum ? InvalidExtendedKeyException.Reason.CHECKSUM : InvalidExtendedKeyException.Reason.ENCODING,
                    "not an extended key: " + e.getMessage());
        }
        if (data.length != ExtendedKey.SERIALIZED_LENGTH) {
            throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.LENGTH,
                    "an extended key is " + ExtendedKey.SERIALIZED_LENGTH + " bytes, this one is " + data.length);
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        int version = in.getInt();
        int depth = in.get() & 0xFF;
        int parentFingerprint = in.getInt();
        int childNumber = in.getInt();
        byte[] chainCode = new byte[32];
        in.get(chainCode);
        byte[] key = new byte[33];
        in.get(key);
        try {
            boolean isPrivate = version == ExtendedKey.XPRV_VERSION;
            if (!isPrivate && version != ExtendedKey.XPUB_VERSION) {
                throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.UNKNOWN_VERSION,
                        String.format("unknown extended key version 0x%08X (expected xprv 0x%08X or xpub 0x%08X)",
                                version, ExtendedKey.XPRV_VERSION, ExtendedKey.XPUB_VERSION));
            }
            if (depth == 0 && parentFingerprint != 0) {
                throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.MASTER_WITH_PARENT_FINGERPRINT,
                        String.format("a depth-0 (master) key has parent fingerprint 0x%08X; it must be 0", parentFingerprint));
            }
            if (depth == 0 && childNumber != 0) {
                throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.MASTER_WITH_CHILD_NUMBER,
                        "a depth-0 (master) key has child number " + Integer.toUnsignedString(childNumber) + "; it must be 0");
            }
            int prefix = key[0] & 0xFF;
            if (isPrivate) {
                return parsePrivate(depth, parentFingerprint, childNumber, chainCode, key, prefix);
            }
            return parsePublic(depth, parentFingerprint, childNumber, chainCode, key, prefix);
        } finally {
            Arrays.fill(data, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    private ExtendedKey parsePrivate(int depth, int parentFingerprint, int childNumber, byte[] chainCode, byte[] key, int prefix) {
        if (prefix == 0x02 || prefix == 0x03) {
            throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.VERSION_KEY_MISMATCH,
                    "xprv version but the key data is a public key (starts with 0x0" + prefix + ")");
        }
        if (prefix != 0x00) {
            throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.KEY_PREFIX,
                    String.format("private key data must start with 0x00, found 0x%02X", prefix));
        }
        byte[] secret = Arrays.copyOfRange(key, 1, 33);
        try {
            if (!engine.isValidSecret(secret)) {
                throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.PRIVATE_KEY_RANGE,
                        "the private key is not in [1, n-1]");
            }
            return new ExtendedKey(depth, parentFingerprint, new ChildNumber(childNumber), chainCode, secret,
                    engine.publicKey(secret, true));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private ExtendedKey parsePublic(int depth, int parentFingerprint, int childNumber, byte[] chainCode, byte[] key, int prefix) {
        if (prefix == 0x00) {
            throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.VERSION_KEY_MISMATCH,
                    "xpub version but the key data is a private key (starts with 0x00)");
        }
        if (prefix != 0x02 && prefix != 0x03) {
            throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.KEY_PREFIX,
                    String.format("public key data must start with 0x02 or 0x03, found 0x%02X", prefix));
        }
        byte[] point;
        try {
            point = engine.parsePublicKey(key, true);
        } catch (IllegalArgumentException e) {
            throw new InvalidExtendedKeyException(InvalidExtendedKeyException.Reason.PUBLIC_KEY_NOT_ON_CURVE,
                    "the public key is not a point on secp256k1");
        }
        return new ExtendedKey(depth, parentFingerprint, new ChildNumber(childNumber), chainCode, null, point);
    }

    /** True when a 32-byte I_L is below the curve order n, as BIP32 requires (zero included). */
    boolean isBelowCurveOrder(byte[] il) {
        return isZero(il) || engine.isValidSecret(il);
    }

    private static boolean isZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }

    static byte[] hmacSha512(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA512", e);
        }
    }
}
