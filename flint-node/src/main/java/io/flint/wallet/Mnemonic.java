package io.flint.wallet;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import io.flint.crypto.Sha256;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A BIP39 recovery phrase: entropy plus a checksum of it, written as English words of 11 bits
 * each. The phrase is the wallet's one secret; {@link #toSeed(String)} turns it (and an
 * optional passphrase) into the 64-byte seed of the BIP32 key tree.
 *
 * <p>{@link #toString()} never shows the words, so a mnemonic logged by mistake leaks nothing.
 */
public final class Mnemonic {
    /** Entropy of a freshly generated phrase: 128 bits, 12 words. */
    public static final int GENERATED_ENTROPY_BYTES = 16;
    /** Rounds of PBKDF2-HMAC-SHA512 the spec fixes for the seed. */
    public static final int SEED_ITERATIONS = 2048;
    public static final int SEED_BYTES = 64;

    private static final int BITS_PER_WORD = 11;

    private final List<String> words;
    private final byte[] entropy;

    private Mnemonic(List<String> words, byte[] entropy) {
        this.words = List.copyOf(words);
        this.entropy = entropy.clone();
    }

    /** A new 12-word phrase from 128 bits of the given generator. */
    public static Mnemonic generate(SecureRandom random) {
        byte[] entropy = new byte[GENERATED_ENTROPY_BYTES];
        random.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /**
     * The phrase encoding {@code entropy}: 16 to 32 bytes, a multiple of 4, giving 12 to 24 words.
     *
     * @throws IllegalArgumentException for any other length
     */
    public static Mnemonic fromEntropy(byte[] entropy) {
        int bits = entropy.length * 8;
        if (bits < 128 || bits > 256 || bits % 32 != 0) {
            throw new IllegalArgumentException(
                    "BIP39 entropy must be 16, 20, 24, 28 or 32 bytes, got " + entropy.length);
        }
        int checksumBits = bits / 32;
        byte[] hash = Sha256.hash(entropy);
        int wordCount = (bits + checksumBits) / BITS_PER_WORD;
        Bip39Wordlist list = Bip39Wordlist.english();
        List<String> words = new ArrayList<>(wordCount);
        for (int w = 0; w < wordCount; w++) {
            int index = 0;
            for (int b = 0; b < BITS_PER_WORD; b++) {
                int bit = w * BITS_PER_WORD + b;
                boolean set = bit < bits ? bitAt(entropy, bit) : bitAt(hash, bit - bits);
                index = (index << 1) | (set ? 1 : 0);
            }
            words.add(list.word(index));
        }
        return new Mnemonic(words, entropy);
    }

    /**
     * Parses a phrase typed by a user: any whitespace between words, any letter case.
     *
     * @throws InvalidMnemonicException naming the wrong word count, the first unknown word and
     *     its position, or a checksum mismatch
     */
    public static Mnemonic parse(String phrase) {
        Objects.requireNonNull(phrase, "phrase");
        String normalized = Normalizer.normalize(phrase, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT).strip();
        List<String> words = normalized.isEmpty() ? List.of() : List.of(normalized.split("\\s+"));
        int n = words.size();
        if (n < 12 || n > 24 || n % 3 != 0) {
            throw new InvalidMnemonicException(InvalidMnemonicException.Problem.WORD_COUNT, 0,
                    "a recovery phrase has 12, 15, 18, 21 or 24 words, this one has " + n);
        }
        Bip39Wordlist list = Bip39Wordlist.english();
        int totalBits = n * BITS_PER_WORD;
        byte[] packed = new byte[(totalBits + 7) / 8];
        for (int w = 0; w < n; w++) {
            String word = words.get(w);
            int index = list.indexOf(word);
            if (index < 0) {
                Optional<String> suggestion = list.suggestionFor(word);
                throw new InvalidMnemonicException(InvalidMnemonicException.Problem.UNKNOWN_WORD, w + 1,
                        "word " + (w + 1) + " '" + word + "' is not in the BIP39 English word list"
                                + suggestion.map(s -> " (did you mean '" + s + "'?)").orElse(""));
            }
            for (int b = 0; b < BITS_PER_WORD; b++) {
                if ((index & (1 << (BITS_PER_WORD - 1 - b))) != 0) {
                    int bit = w * BITS_PER_WORD + b;
                    packed[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
        }
        int checksumBits = totalBits / 33;
        int entropyBits = totalBits - checksumBits;
        byte[] entropy = Arrays.copyOf(packed, entropyBits / 8);
        byte[] hash = Sha256.hash(entropy);
        for (int i = 0; i < checksumBits; i++) {
            if (bitAt(packed, entropyBits + i) != bitAt(hash, i)) {
                throw new InvalidMnemonicException(InvalidMnemonicException.Problem.CHECKSUM, 0,
                        "the recovery phrase's checksum does not match: a word is wrong or the words are out of order");
            }
        }
        return new Mnemonic(words, entropy);
    }

    /**
     * The BIP32 seed: PBKDF2-HMAC-SHA512 of the NFKD phrase, salted with "mnemonic" plus the
     * NFKD passphrase ("" when there is none), 2048 rounds, 64 bytes.
     */
    public byte[] toSeed(String passphrase) {
        Objects.requireNonNull(passphrase, "passphrase (use \"\" for none)");
        byte[] password = Normalizer.normalize(phrase(), Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
        byte[] salt = ("mnemonic" + Normalizer.normalize(passphrase, Normalizer.Form.NFKD)).getBytes(StandardCharsets.UTF_8);
        try {
            PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
            pbkdf2.init(password, salt, SEED_ITERATIONS);
            return ((KeyParameter) pbkdf2.generateDerivedParameters(SEED_BYTES * 8)).getKey();
        } finally {
            Arrays.fill(password, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    /** The words, in order. */
    public List<String> words() {
        return words;
    }

    /** The words joined by single spaces: what a user writes down. */
    public String phrase() {
        return String.join(" ", words);
    }

    /** The entropy the words encode (a copy). */
    public byte[] entropy() {
        return entropy.clone();
    }

    private static boolean bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mnemonic other && words.equals(other.words);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }

    @Override
    public String toString() {
        return "Mnemonic[" + words.size() + " words]";
    }
}
