package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.crypto.Hex;
import io.flint.crypto.Sha256;
import java.io.InputStream;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MnemonicTest {

    /**
     * SHA-256 of bitcoin/bips bip-0039/english.txt as published (and pinned by many
     * implementations, e.g. rust-bitcoin's bip39 crate).
     */
    private static final String ENGLISH_TXT_SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";

    @Test
    void shippedWordListIsByteForByteTheSpecsEnglishList() throws Exception {
        byte[] bytes;
        try (InputStream in = Bip39Wordlist.class.getResourceAsStream(Bip39Wordlist.RESOURCE)) {
            assertThat(in).isNotNull();
            bytes = in.readAllBytes();
        }
        assertThat(Hex.encode(Sha256.hash(bytes))).isEqualTo(ENGLISH_TXT_SHA256);

        List<String> words = Bip39Wordlist.english().words();
        assertThat(words).hasSize(2048).isSorted().doesNotHaveDuplicates();
        Set<String> prefixes = new HashSet<>();
        for (String w : words) {
            prefixes.add(w.substring(0, Math.min(4, w.length())));
        }
        assertThat(prefixes).as("every word is identified by its first four letters").hasSize(2048);
        assertThat(words.get(0)).isEqualTo("abandon");
        assertThat(words.get(2047)).isEqualTo("zoo");
    }

    @Test
    void trezorVectorsEntropyToPhraseToSeed() {
        Bip39VectorFile file = Bip39VectorFile.load();
        int passed = 0;
        for (Bip39VectorFile.Row row : file.rows()) {
            byte[] entropy = Hex.decode(row.entropyHex());
            Mnemonic fromEntropy = Mnemonic.fromEntropy(entropy);
            assertThat(fromEntropy.phrase()).as("phrase of %s", row.entropyHex()).isEqualTo(row.mnemonic());

            Mnemonic parsed = Mnemonic.parse(row.mnemonic());
            assertThat(parsed).isEqualTo(fromEntropy);
            assertThat(parsed.entropy()).isEqualTo(entropy);
            assertThat(Hex.encode(parsed.toSeed(file.passphrase()))).as("seed of %s", row.mnemonic()).isEqualTo(row.seedHex());
            passed++;
        }
        System.out.println("[vectors] bip39-vectors.json (entropy, phrase, seed): " + file.rows().size() + " rows, " + passed + " passed");
        assertThat(passed).isEqualTo(24);
    }

    @Test
    void generatedPhraseHasTwelveWordsFromTheGeneratorsBytes() throws NoSuchAlgorithmException {
        SecureRandom random = seeded(42);
        Mnemonic mnemonic = Mnemonic.generate(random);

        byte[] expected = new byte[16];
        seeded(42).nextBytes(expected);
        assertThat(mnemonic.words()).hasSize(12);
        assertThat(mnemonic.entropy()).isEqualTo(expected);
        assertThat(Mnemonic.parse(mnemonic.phrase())).isEqualTo(mnemonic);
        assertThat(Mnemonic.generate(seeded(43))).isNotEqualTo(mnemonic);
    }

    @Test
    void parsingToleratesCaseAndExtraWhitespace() {
        Mnemonic m = Mnemonic.parse("  Legal WINNER thank year\twave sausage worth useful legal winner\n thank   yellow ");
        assertThat(m.phrase()).isEqualTo("legal winner thank year wave sausage worth useful legal winner thank yellow");
    }

    @Test
    void wrongWordCountIsNamed() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"))
                .isInstanceOfSatisfying(InvalidMnemonicException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.WORD_COUNT);
                    assertThat(e.getMessage()).contains("12, 15, 18, 21 or 24 words").contains("has 11");
                });
        assertThatThrownBy(() -> Mnemonic.parse("   "))
                .isInstanceOfSatisfying(InvalidMnemonicException.class,
                        e -> assertThat(e.getMessage()).contains("has 0"));
        String thirteen = String.join(" ", Collections.nCopies(13, "abandon"));
        assertThatThrownBy(() -> Mnemonic.parse(thirteen))
                .isInstanceOfSatisfying(InvalidMnemonicException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.WORD_COUNT));
    }

    @Test
    void unknownWordIsNamedWithItsPositionAndASuggestion() {
        assertThatThrownBy(() -> Mnemonic.parse("legal winner thank year wave sausage worth usefull legal winner thank yellow"))
                .isInstanceOfSatisfying(InvalidMnemonicException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.UNKNOWN_WORD);
                    assertThat(e.position()).isEqualTo(8);
                    assertThat(e.getMessage()).isEqualTo(
                            "word 8 'usefull' is not in the BIP39 English word list (did you mean 'useful'?)");
                });
        assertThatThrownBy(() -> Mnemonic.parse("bitcoin winner thank year wave sausage worth useful legal winner thank yellow"))
                .isInstanceOfSatisfying(InvalidMnemonicException.class, e -> {
                    assertThat(e.position()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("word 1 'bitcoin' is not in the BIP39 English word list");
                });
    }

    @Test
    void badChecksumSaysSo() {
        // every word valid, but "abandon" x12 encodes a checksum that does not match
        String twelveAbandon = String.join(" ", Collections.nCopies(12, "abandon"));
        assertThatThrownBy(() -> Mnemonic.parse(twelveAbandon))
                .isInstanceOfSatisfying(InvalidMnemonicException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.CHECKSUM);
                    assertThat(e.getMessage()).contains("checksum");
                });
        // two valid words swapped
        assertThatThrownBy(() -> Mnemonic.parse("winner legal thank year wave sausage worth useful legal winner thank yellow"))
                .isInstanceOfSatisfying(InvalidMnemonicException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.CHECKSUM));
    }

    @Test
    void entropyOfAnUnsupportedLengthIsRefused() {
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[15])).hasMessageContaining("got 15");
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[17])).hasMessageContaining("got 17");
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[36])).hasMessageContaining("got 36");
    }

    @Test
    void passphraseIsNormalizedSoComposedAndDecomposedFormsGiveTheSameSeed() {
        Mnemonic m = Mnemonic.parse("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        byte[] composed = m.toSeed("caf\u00e9");
        byte[] decomposed = m.toSeed("cafe\u0301");
        assertThat(composed).isEqualTo(decomposed);
        assertThat(composed).isNotEqualTo(m.toSeed("cafe"));
        assertThat(composed).isNotEqualTo(m.toSeed(""));
    }

    @Test
    void toStringNeverShowsTheWords() {
        Mnemonic m = Mnemonic.parse("legal winner thank year wave sausage worth useful legal winner thank yellow");
        assertThat(m.toString()).isEqualTo("Mnemonic[12 words]").doesNotContain("legal");
    }

    private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        // SHA1PRNG seeded before first use is a real SecureRandom whose output is reproducible
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        return random;
    }
}
