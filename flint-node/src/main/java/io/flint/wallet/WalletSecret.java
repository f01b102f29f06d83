package io.flint.wallet;

import java.util.Objects;

/**
 * What the keystore protects: the recovery phrase and the optional BIP39 passphrase ("" for
 * none). Together they give the seed of every key. {@link #toString()} hides both.
 */
public record WalletSecret(Mnemonic mnemonic, String passphrase) {
    public WalletSecret {
        Objects.requireNonNull(mnemonic, "mnemonic");
        Objects.requireNonNull(passphrase, "passphrase (use \"\" for none)");
    }

    /** The 64-byte BIP32 seed. */
    public byte[] seed() {
        return mnemonic.toSeed(passphrase);
    }

    @Override
    public String toString() {
        return "WalletSecret[hidden]";
    }
}
