package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MnemonicProperties {

    @Property(tries = 200)
    void entropyRoundTripsThroughThePhrase(@ForAll("entropy") byte[] entropy) {
        Mnemonic m = Mnemonic.fromEntropy(entropy);
        assertThat(m.words()).hasSize(entropy.length * 8 * 33 / 32 / 11);
        assertThat(Mnemonic.parse(m.phrase()).entropy()).isEqualTo(entropy);
    }

    @Property(tries = 200)
    void replacingAWordIsDetected(@ForAll("entropy") byte[] entropy, @ForAll @IntRange(min = 0, max = 23) int position,
                                  @ForAll @IntRange(min = 1, max = 2047) int shift) {
        Mnemonic m = Mnemonic.fromEntropy(entropy);
        int at = position % m.words().size();
        List<String> words = new ArrayList<>(m.words());
        Bip39Wordlist list = Bip39Wordlist.english();
        words.set(at, list.word((list.indexOf(words.get(at)) + shift) % 2048));
        String altered = String.join(" ", words);
        // a changed word may by chance still satisfy the checksum; then it is a different valid phrase
        try {
            Mnemonic other = Mnemonic.parse(altered);
            assertThat(other.entropy()).isNotEqualTo(entropy);
        } catch (InvalidMnemonicException e) {
            assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.CHECKSUM);
        }
    }

    @Property(tries = 50)
    void unknownWordsAreAlwaysReportedAtTheirPosition(@ForAll("entropy") byte[] entropy,
                                                      @ForAll @IntRange(min = 0, max = 23) int position) {
        Mnemonic m = Mnemonic.fromEntropy(entropy);
        int at = position % m.words().size();
        List<String> words = new ArrayList<>(m.words());
        String typo = words.get(at) + "qq"; // no English word list entry has "qq"
        words.set(at, typo);
        assertThatThrownBy(() -> Mnemonic.parse(String.join(" ", words)))
                .isInstanceOfSatisfying(InvalidMnemonicException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.UNKNOWN_WORD);
                    assertThat(e.position()).isEqualTo(at + 1);
                    assertThat(e.getMessage()).contains("'" + typo + "'");
                });
    }

    @Provide
    Arbitrary<byte[]> entropy() {
        return Arbitraries.of(16, 20, 24, 28, 32)
                .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    }
}
