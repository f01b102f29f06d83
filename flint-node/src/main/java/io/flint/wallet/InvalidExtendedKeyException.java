package io.flint.wallet;

/** An xprv/xpub string that is not a valid BIP32 extended key; {@link #reason()} says which rule failed. */
public final class InvalidExtendedKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Which check of the serialization failed. */
    public enum Reason {
        /** Not Base58 at all. */
        ENCODING,
        /** The 4-byte checksum does not match: a typo or a truncated copy. */
        CHECKSUM,
        /** Not the 78 bytes of a serialized extended key. */
        LENGTH,
        /** Neither the private nor the public version bytes. */
        UNKNOWN_VERSION,
        /** Private version with public key data, or the other way round. */
        VERSION_KEY_MISMATCH,
        /** Key data with a first byte that no key starts with (private: 0x00; public: 0x02/0x03). */
        KEY_PREFIX,
        /** Depth 0 (a master key) with a parent fingerprint. */
        MASTER_WITH_PARENT_FINGERPRINT,
        /** Depth 0 (a master key) with a child number. */
        MASTER_WITH_CHILD_NUMBER,
        /** A private key of 0 or not below the curve order. */
        PRIVATE_KEY_RANGE,
        /** Public key bytes that are not a point on secp256k1. */
        PUBLIC_KEY_NOT_ON_CURVE
    }

    private final Reason reason;

    InvalidExtendedKeyException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
