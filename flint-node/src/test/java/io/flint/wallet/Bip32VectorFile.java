package io.flint.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** BIP32's published test vectors 1-5, copied into {@code vectors/bip32-vectors.json} (source named there). */
record Bip32VectorFile(List<Vector> valid, List<Invalid> invalid) {

    static final String RESOURCE = "/vectors/bip32-vectors.json";

    record Chain(String path, String xpub, String xprv) {}

    record Vector(String name, String seedHex, List<Chain> chains) {}

    record Invalid(String key, String reason) {}

    static Bip32VectorFile load() {
        JsonNode root = VectorResources.json(RESOURCE);
        List<Vector> valid = new ArrayList<>();
        for (JsonNode v : root.get("valid")) {
            List<Chain> chains = new ArrayList<>();
            for (JsonNode c : v.get("chains")) {
                chains.add(new Chain(c.get("path").asText(), c.get("xpub").asText(), c.get("xprv").asText()));
            }
            valid.add(new Vector(v.get("name").asText(), v.get("seed").asText(), List.copyOf(chains)));
        }
        List<Invalid> invalid = new ArrayList<>();
        for (JsonNode i : root.get("invalid")) {
            invalid.add(new Invalid(i.get("key").asText(), i.get("reason").asText()));
        }
        return new Bip32VectorFile(List.copyOf(valid), List.copyOf(invalid));
    }
}
