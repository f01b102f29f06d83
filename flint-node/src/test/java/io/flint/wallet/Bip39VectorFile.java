package io.flint.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Trezor BIP39 vectors (python-mnemonic's vectors.json, English section, passphrase
 * "TREZOR"), copied into {@code vectors/bip39-vectors.json}.
 */
record Bip39VectorFile(String passphrase, List<Row> rows) {

    static final String RESOURCE = "/vectors/bip39-vectors.json";

    /** One row: entropy, its phrase, the seed with the passphrase, and that seed's BIP32 master xprv. */
    record Row(String entropyHex, String mnemonic, String seedHex, String masterXprv) {}

    static Bip39VectorFile load() {
        JsonNode root = VectorResources.json(RESOURCE);
        List<Row> rows = new ArrayList<>();
        for (JsonNode row : root.get("english")) {
            rows.add(new Row(row.get(0).asText(), row.get(1).asText(), row.get(2).asText(), row.get(3).asText()));
        }
        return new Bip39VectorFile(root.get("passphrase").asText(), List.copyOf(rows));
    }
}
