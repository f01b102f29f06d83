package io.flint.crypto;

import java.util.Optional;

/**
 * The version bytes that tell a main-network address or WIF key from a test-network one
 * (Bitcoin's values; regtest, testnet and signet all use {@link #TEST}).
 */
public enum AddressVersion {
    MAIN("main", 0x00, 0x05, 0x80),
    TEST("test", 0x6f, 0xc4, 0xef);

    private final String label;
    private final int p2pkh;
    private final int p2sh;
    private final int wif;

    AddressVersion(String label, int p2pkh, int p2sh, int wif) {
        this.label = label;
        this.p2pkh = p2pkh;
        this.p2sh = p2sh;
        this.wif = wif;
    }

    /** Version byte of a pay-to-public-key-hash address. */
    public int p2pkhVersion() {
        return p2pkh;
    }

    /** Version byte of a pay-to-script-hash address, recognised only to reject it clearly. */
    public int p2shVersion() {
        return p2sh;
    }

    /** Version byte of a WIF private key. */
    public int wifVersion() {
        return wif;
    }

    /** "main" or "test", for messages. */
    public String label() {
        return label;
    }

    /**
     * What a user can tell such an address by: "Bitcoin main-network addresses (they start with
     * 1)". Flint's networks use Bitcoin's version bytes, so the words "main" and "test" alone,
     * beside networks named demo and regtest, said nothing to a user.
     */
    public String addressesDescribed() {
        return "Bitcoin " + label + "-network addresses (they start with " + (this == MAIN ? "1" : "m or n") + ")";
    }

    static Optional<AddressVersion> byP2pkhVersion(int version) {
        for (AddressVersion v : values()) {
            if (v.p2pkh == version) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    static Optional<AddressVersion> byP2shVersion(int version) {
        for (AddressVersion v : values()) {
            if (v.p2sh == version) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    static Optional<AddressVersion> byWifVersion(int version) {
        for (AddressVersion v : values()) {
            if (v.wif == version) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
