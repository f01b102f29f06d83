package io.flint.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Wallet Import Format: Base58Check of a version byte ({@link AddressVersion#wifVersion()}), the
 * 32-byte secret and, for a key whose public key is compressed, a trailing 0x01.
 */
public final class Wif {
    private static final int COMPRESSED_FLAG = 0x01;
    private static final int MAX_TEXT_LENGTH = 64;

    private Wif() {}

    /** A decoded WIF string: the key and the network its version byte names. */
    public record Decoded(PrivateKey key, AddressVersion network) {
        public Decoded {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(network, "network");
        }
    }

    /** The WIF string of a key on a network. It contains the secret: never log it. */
    public static String encode(PrivateKey key, AddressVersion network) {
        byte[] secret = key.bytes();
        byte[] payload = new byte[key.compressed() ? 34 : 33];
        payload[0] = (byte) network.wifVersion();
        System.arraycopy(secret, 0, payload, 1, 32);
        if (key.compressed()) {
            payload[33] = COMPRESSED_FLAG;
        }
        Arrays.fill(secret, (byte) 0);
        String wif = Base58Check.encode(payload);
        Arrays.fill(payload, (byte) 0);
        return wif;
    }

    /**
     * Decodes a WIF string of either network.
     *
     * @throws IllegalArgumentException naming the problem: a bad Base58 character, a bad
     *     checksum, a wrong length, a bad compression flag, an unknown version, or a secret out
     *     of range. Messages never contain the secret.
     */
    public static Decoded decode(String wif) {
        if (wif == null) {
            throw new IllegalArgumentException("WIF key is missing");
        }
        if (wif.length() > MAX_TEXT_LENGTH) {
            // Base58 decoding is quadratic: refuse absurd input before doing any of it
            throw new IllegalArgumentException("WIF key is " + wif.length() + " characters long; a WIF key has at most 52");
        }
        byte[] payload = Base58Check.decode(wif);
        try {
            if (payload.length != 33 && payload.length != 34) {
                throw new IllegalArgumentException("WIF key must hold 33 bytes (uncompressed) or 34 bytes "
                        + "(compressed): version, 32-byte secret, optional 0x01 flag; got " + payload.length);
            }
            int versionByte = payload[0] & 0xff;
            AddressVersion network = AddressVersion.byWifVersion(versionByte)
                    .orElseThrow(() -> new IllegalArgumentException(String.format(
                            "unknown WIF version 0x%02x (expected 0x%02x for main or 0x%02x for test)",
                            versionByte, AddressVersion.MAIN.wifVersion(), AddressVersion.TEST.wifVersion())));
            boolean compressed = payload.length == 34;
            if (compressed && payload[33] != COMPRESSED_FLAG) {
                throw new IllegalArgumentException(String.format(
                        "WIF compression flag must be 0x01, got 0x%02x", payload[33] & 0xff));
            }
            byte[] secret = Arrays.copyOfRange(payload, 1, 33);
            try {
                if (!CurveOrder.isValidScalar(secret)) {
                    throw new IllegalArgumentException("WIF secret is not a valid secp256k1 key (zero or not below the curve order)");
                }
                return new Decoded(PrivateKey.of(secret, compressed), network);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    /**
     * Decodes a WIF string that must belong to {@code expected}'s network.
     *
     * @throws IllegalArgumentException as {@link #decode(String)}, or for the other network
     */
    public static PrivateKey decode(String wif, AddressVersion expected) {
        Decoded decoded = decode(wif);
        if (decoded.network() != expected) {
            throw new IllegalArgumentException("WIF key is for the " + decoded.network().label()
                    + " network, expected " + expected.label());
        }
        return decoded.key();
    }
}
