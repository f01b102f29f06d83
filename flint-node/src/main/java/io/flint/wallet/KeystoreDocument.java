package io.flint.wallet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The keystore file as JSON: an authenticated header, the encrypted secret (hex of AES-GCM
 * ciphertext and tag), and the clear public state.
 */
public record KeystoreDocument(
        @JsonProperty("format") String format,
        @JsonProperty("header") KeystoreHeader header,
        @JsonProperty("ciphertext") String ciphertext,
        @JsonProperty("public") KeystorePublicState publicState) {

    /** The first field of every Flint keystore, so other JSON files are recognised as such. */
    public static final String FORMAT = "flint-keystore";

    public KeystoreDocument {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(ciphertext, "ciphertext");
        publicState = publicState == null ? KeystorePublicState.EMPTY : publicState;
    }

    public KeystoreDocument withPublicState(KeystorePublicState state) {
        return new KeystoreDocument(format, header, ciphertext, state);
    }
}
