package io.flint.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A pay-to-public-key-hash address: a version byte ({@link AddressVersion}) and the HASH160 of a
 * public key, written in Base58Check. The only address type Flint pays to.
 */
public final class Address {
    private static final int PAYLOAD_LENGTH = 1 + Hash160.LENGTH;
    private static final int MAX_TEXT_LENGTH = 64;

    private final AddressVersion version;
    private final byte[] hash160;

    private Address(AddressVersion version, byte[] hash160) {
        this.version = version;
        this.hash160 = hash160;
    }

    /**
     * The address of a 20-byte public key hash.
     *
     * @throws IllegalArgumentException if the hash is not 20 bytes
     */
    public static Address p2pkh(byte[] hash160, AddressVersion version) {
        Objects.requireNonNull(version, "version");
        if (hash160 == null || hash160.length != Hash160.LENGTH) {
            throw new IllegalArgumentException("public key hash must be " + Hash160.LENGTH + " bytes, got "
                    + (hash160 == null ? "none" : hash160.length));
        }
        return new Address(version, hash160.clone());
    }

    /** The address of a public key, in the key's own encoding (compressed or not). */
    public static Address of(PublicKey key, AddressVersion version) {
        return p2pkh(key.hash160(), version);
    }

    /**
     * Parses a P2PKH address of either network.
     *
     * @throws IllegalArgumentException naming the problem: a bad Base58 character (with its
     *     position), a bad checksum, a wrong length, a P2SH address, or an unknown version
     */
    public static Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("address is missing");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            // Base58 decoding is quadratic: refuse absurd input before doing any of it
            throw new IllegalArgumentException("address is " + text.length() + " characters long; a P2PKH address has at most 35");
        }
        byte[] payload = Base58Check.decode(text);
        if (payload.length == 0) {
            throw new IllegalArgumentException("address has no version byte");
        }
        int versionByte = payload[0] & 0xff;
        AddressVersion version = AddressVersion.byP2pkhVersion(versionByte).orElse(null);
        if (version == null) {
            String p2sh = AddressVersion.byP2shVersion(versionByte)
                    .map(v -> String.format(
                            "not a P2PKH address: version 0x%02x is a %s-network P2SH address", versionByte, v.label()))
                    .orElse(null);
            if (p2sh != null) {
                throw new IllegalArgumentException(p2sh);
            }
            throw new IllegalArgumentException(String.format(
                    "unknown address version 0x%02x (P2PKH addresses use 0x%02x on main, 0x%02x on test)",
                    versionByte, AddressVersion.MAIN.p2pkhVersion(), AddressVersion.TEST.p2pkhVersion()));
        }
        if (payload.length != PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("address must hold " + PAYLOAD_LENGTH
                    + " bytes (version and 20-byte public key hash), got " + payload.length);
        }
        return new Address(version, Arrays.copyOfRange(payload, 1, PAYLOAD_LENGTH));
    }

    /**
     * Parses an address that must belong to {@code expected}'s network.
     *
     * @throws IllegalArgumentException as {@link #parse(String)}, or when it is for the other network
     */
    public static Address parse(String text, AddressVersion expected) {
        Address address = parse(text);
        if (address.version != expected) {
            throw new IllegalArgumentException("address " + text + " is for the " + address.version.label()
                    + " network, expected " + expected.label());
        }
        return address;
    }

    public AddressVersion version() {
        return version;
    }

    /** The 20-byte public key hash (a copy). */
    public byte[] hash160() {
        return hash160.clone();
    }

    /** Base58Check of the version byte and the hash. */
    @Override
    public String toString() {
        byte[] payload = new byte[PAYLOAD_LENGTH];
        payload[0] = (byte) version.p2pkhVersion();
        System.arraycopy(hash160, 0, payload, 1, Hash160.LENGTH);
        return Base58Check.encode(payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && version == other.version && Arrays.equals(hash160, other.hash160);
    }

    @Override
    public int hashCode() {
        return 31 * version.hashCode() + Arrays.hashCode(hash160);
    }
}
