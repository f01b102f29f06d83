package io.flint.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Google's Wycheproof ECDSA vectors (C2SP/wycheproof, Apache-2.0; see vectors/README.md). The
 * message digest is a single SHA-256 of {@code msg}; the key is the group's uncompressed point.
 */
class WycheproofEcdsaTest {

    /** Strict DER + low-S: exactly Flint's verify contract, so every case applies as is. */
    @ParameterizedTest
    @ValueSource(strings = {"native", "java"})
    void bitcoinFileEveryCaseOnBothEngines(String engineName) {
        Secp256k1 engine = Secp256k1Engines.named(engineName);
        String file = "ecdsa_secp256k1_sha256_bitcoin_test.json";
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int valid = 0;
        for (JsonNode group : Vectors.load(file).get("testGroups")) {
            byte[] pub = Hex.decode(group.get("publicKey").get("uncompressed").asText());
            for (JsonNode test : group.get("tests")) {
                cases++;
                boolean expected = expectValid(test);
                valid += expected ? 1 : 0;
                boolean actual = engine.verify(digest(test), Hex.decode(test.get("sig").asText()), pub);
                if (actual != expected) {
                    failures.add(describe(test));
                }
            }
        }
        Vectors.report(file, cases + " cases (" + valid + " valid) on " + engineName + ", "
                + (cases - failures.size()) + " passed");
        assertThat(failures).isEmpty();
        assertThat(cases).isEqualTo(463);
    }

    /**
     * Plain ECDSA (no low-S rule): strict-DER signatures are parsed, normalized to low S and
     * verified, and must verify exactly when valid; signatures that are not strict DER must all
     * be invalid ones. The lax parser must read every valid signature as the strict one does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"native", "java"})
    void derFileThroughNormalization(String engineName) {
        Secp256k1 engine = Secp256k1Engines.named(engineName);
        String file = "ecdsa_secp256k1_sha256_test.json";
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int strict = 0;
        int notStrict = 0;
        int normalized = 0;
        for (JsonNode group : Vectors.load(file).get("testGroups")) {
            byte[] pub = Hex.decode(group.get("publicKey").get("uncompressed").asText());
            for (JsonNode test : group.get("tests")) {
                cases++;
                byte[] sig = Hex.decode(test.get("sig").asText());
                boolean expected = expectValid(test);
                if (!DerSignature.isStrictDer(sig)) {
                    notStrict++;
                    if (expected) {
                        failures.add("valid but not strict DER: " + describe(test));
                    }
                    continue;
                }
                strict++;
                DerSignature parsed = DerSignature.parseStrict(sig);
                if (expected && !DerSignature.parseLax(sig).orElseThrow().equals(parsed)) {
                    failures.add("lax parse differs: " + describe(test));
                }
                DerSignature low = parsed.normalizeLowS();
                normalized += low.equals(parsed) ? 0 : 1;
                boolean actual = engine.verify(digest(test), low.encode(), pub);
                if (actual != expected) {
                    failures.add(describe(test));
                }
            }
        }
        Vectors.report(file, cases + " cases on " + engineName + ": " + strict + " strict DER (" + normalized
                + " normalized to low S) verified, " + notStrict + " not strict DER rejected, "
                + (cases - failures.size()) + " passed");
        assertThat(failures).isEmpty();
        assertThat(cases).isEqualTo(476);
    }

    /**
     * IEEE P1363 {@code r || s} signatures through the DER API: 64 bytes read as (r, s),
     * normalized, DER-encoded and verified. Other lengths cannot be (r, s) and must be invalid;
     * an r or s of 2^256 or more cannot be expressed and is counted as skipped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"native", "java"})
    void p1363FileThroughCompactForm(String engineName) {
        Secp256k1 engine = Secp256k1Engines.named(engineName);
        String file = "ecdsa_secp256k1_sha256_p1363_test.json";
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int wrongLength = 0;
        for (JsonNode group : Vectors.load(file).get("testGroups")) {
            byte[] pub = Hex.decode(group.get("publicKey").get("uncompressed").asText());
            for (JsonNode test : group.get("tests")) {
                cases++;
                byte[] sig = Hex.decode(test.get("sig").asText());
                boolean expected = expectValid(test);
                if (sig.length != 64) {
                    wrongLength++;
                    if (expected) {
                        failures.add("valid but not 64 bytes: " + describe(test));
                    }
                    continue;
                }
                byte[] der = DerSignature.fromCompact(sig).normalizeLowS().encode();
                if (engine.verify(digest(test), der, pub) != expected) {
                    failures.add(describe(test));
                }
            }
        }
        Vectors.report(file, cases + " cases on " + engineName + ": " + (cases - wrongLength)
                + " 64-byte verified, " + wrongLength + " other lengths rejected, 0 skipped, "
                + (cases - failures.size()) + " passed");
        assertThat(failures).isEmpty();
        assertThat(cases).isEqualTo(252);
    }

    private static boolean expectValid(JsonNode test) {
        String result = test.get("result").asText();
        assertThat(result).as("no 'acceptable' results in these files").isIn("valid", "invalid");
        return result.equals("valid");
    }

    private static byte[] digest(JsonNode test) {
        return Sha256.hash(Hex.decode(test.get("msg").asText()));
    }

    private static String describe(JsonNode test) {
        return "tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ", expected "
                + test.get("result").asText() + ")";
    }
}
