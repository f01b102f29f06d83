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

    /** One test case with its group's public key and the digest it signs. */
    private record Case(byte[] publicKey, byte[] digest, byte[] sig, boolean valid, String description) {}

    private static List<Case> cases(String file) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode group : Vectors.load(file).get("testGroups")) {
            byte[] pub = Hex.decode(group.get("publicKey").get("uncompressed").asText());
            for (JsonNode test : group.get("tests")) {
                String result = test.get("result").asText();
                assertThat(result).as("no 'acceptable' results in these files").isIn("valid", "invalid");
                cases.add(new Case(pub, Sha256.hash(Hex.decode(test.get("msg").asText())),
                        Hex.decode(test.get("sig").asText()), result.equals("valid"),
                        "tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ", expected "
                                + result + ")"));
            }
        }
        return cases;
    }

    /** Strict DER + low-S: exactly Flint's verify contract, so every case applies as is. */
    @ParameterizedTest
    @ValueSource(strings = {"native", "java"})
    void bitcoinFileEveryCaseOnBothEngines(String engineName) {
        Secp256k1 engine = Secp256k1Engines.named(engineName);
        String file = "ecdsa_secp256k1_sha256_bitcoin_test.json";
        List<String> failures = new ArrayList<>();
        List<Case> cases = cases(file);
        long valid = cases.stream().filter(Case::valid).count();
        for (Case c : cases) {
            if (engine.verify(c.digest(), c.sig(), c.publicKey()) != c.valid()) {
                failures.add(c.description());
            }
        }
        Vectors.report(file, cases.size() + " cases (" + valid + " valid) on " + engineName + ", "
                + (cases.size() - failures.size()) + " passed");
        assertThat(failures).isEmpty();
        assertThat(cases).hasSize(463);
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
        List<Case> cases = cases(file);
        int notStrict = 0;
        int normalized = 0;
        for (Case c : cases) {
            if (!DerSignature.isStrictDer(c.sig())) {
                notStrict++;
                if (c.valid()) {
                    failures.add("valid but not strict DER: " + c.description());
                }
                continue;
            }
            DerSignature parsed = DerSignature.parseStrict(c.sig());
            if (c.valid() && !DerSignature.parseLax(c.sig()).orElseThrow().equals(parsed)) {
                failures.add("lax parse differs: " + c.description());
            }
            DerSignature low = parsed.normalizeLowS();
            normalized += low.equals(parsed) ? 0 : 1;
            if (engine.verify(c.digest(), low.encode(), c.publicKey()) != c.valid()) {
                failures.add(c.description());
            }
        }
        Vectors.report(file, cases.size() + " cases on " + engineName + ": " + (cases.size() - notStrict)
                + " strict DER (" + normalized + " normalized to low S) verified, " + notStrict
                + " not strict DER rejected, " + (cases.size() - failures.size()) + " passed");
        assertThat(failures).isEmpty();
        assertThat(cases).hasSize(476);
    }

    /**
     * IEEE P1363 {@code r || s} signatures through the DER API: 64 bytes read as (r, s),
     * normalized, DER-encoded and verified. Other lengths cannot be (r, s) and must be invalid.
     * Every 64-byte value is expressible through the API, so nothing is skipped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"native", "java"})
    void p1363FileThroughCompactForm(String engineName) {
        Secp256k1 engine = Secp256k1Engines.named(engineName);
        String file = "ecdsa_secp256k1_sha256_p1363_test.json";
        List<String> failures = new ArrayList<>();
        List<Case> cases = cases(file);
        int wrongLength = 0;
        for (Case c : cases) {
            if (c.sig().length != 64) {
                wrongLength++;
                if (c.valid()) {
                    failures.add("valid but not 64 bytes: " + c.description());
                }
                continue;
            }
            byte[] der = DerSignature.fromCompact(c.sig()).normalizeLowS().encode();
            if (engine.verify(c.digest(), der, c.publicKey()) != c.valid()) {
                failures.add(c.description());
            }
        }
        Vectors.report(file, cases.size() + " cases on " + engineName + ": " + (cases.size() - wrongLength)
                + " 64-byte verified, " + wrongLength + " other lengths rejected, 0 skipped, "
                + (cases.size() - failures.size()) + " passed");
        assertThat(failures).isEmpty();
        assertThat(cases).hasSize(252);
    }
}
