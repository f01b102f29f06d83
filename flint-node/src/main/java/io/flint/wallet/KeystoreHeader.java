package io.flint.wallet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The keystore's authenticated clear-text fields. They are the AES-GCM associated data, so
 * changing any of them (the network, the account key, the KDF cost, the salt, the nonce)
 * makes decryption fail instead of silently meaning something else.
 */
public record KeystoreHeader(
        @JsonProperty("version") int version,
        @JsonProperty("network") String network,
        @JsonProperty("account_xpub") String accountXpub,
        @JsonProperty("kdf") Kdf kdf,
        @JsonProperty("cipher") CipherSpec cipher) {

    /** The keystore format this code writes and reads. */
    public static final int VERSION = 1;

    public KeystoreHeader {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(accountXpub, "account_xpub");
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(cipher, "cipher");
    }

    /** scrypt with its cost and a per-file random salt (hex). */
    public record Kdf(
            @JsonProperty("name") String name,
            @JsonProperty("n") int n,
            @JsonProperty("r") int r,
            @JsonProperty("p") int p,
            @JsonProperty("salt") String salt) {
        public static final String SCRYPT = "scrypt";

        public ScryptParams params() {
            return new ScryptParams(n, r, p);
        }
    }

    /** AES-256-GCM with its per-encryption random 96-bit nonce (hex). */
    public record CipherSpec(
            @JsonProperty("name") String name,
            @JsonProperty("nonce") String nonce) {
        public static final String AES_256_GCM = "aes-256-gcm";
    }

    /**
     * The associated data: every field, one per line, in a fixed order. Written out rather
     * than taken from the JSON so that reformatting the file does not break it.
     */
    public byte[] associatedData() {
        String text = "flint-keystore\n"
                + "version=" + version + "\n"
                + "network=" + network + "\n"
                + "account_xpub=" + accountXpub + "\n"
                + "kdf=" + kdf.name() + " n=" + kdf.n() + " r=" + kdf.r() + " p=" + kdf.p() + " salt=" + kdf.salt() + "\n"
                + "cipher=" + cipher.name() + " nonce=" + cipher.nonce() + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
