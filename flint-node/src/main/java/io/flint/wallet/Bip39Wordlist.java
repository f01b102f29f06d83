package io.flint.wallet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The 2048-word English list of BIP39, loaded from the copy of the spec's {@code english.txt}
 * shipped as a resource. Sorted, so lookups are binary searches; every word is identified by
 * its first four letters, which is what makes typo suggestions unambiguous.
 */
public final class Bip39Wordlist {
    /** Words in the list: 2^11, one word per 11-bit group. */
    public static final int SIZE = 2048;

    static final String RESOURCE = "bip39-english.txt";

    private final List<String> words;

    private Bip39Wordlist(List<String> words) {
        this.words = words;
    }

    /** The English list (loaded once; the list itself is immutable). */
    public static Bip39Wordlist english() {
        return EnglishHolder.INSTANCE;
    }

    public String word(int index) {
        return words.get(index);
    }

    /** Index of a word, or -1 when the word is not in the list. */
    public int indexOf(String word) {
        int i = Collections.binarySearch(words, word);
        return i >= 0 ? i : -1;
    }

    /** The list word sharing the first four letters of {@code typo}, if there is one. */
    public Optional<String> suggestionFor(String typo) {
        if (typo.length() < 4) {
            return Optional.empty();
        }
        String prefix = typo.substring(0, 4);
        int at = Collections.binarySearch(words, prefix);
        int from = at >= 0 ? at : -at - 1;
        if (from < words.size() && words.get(from).startsWith(prefix)) {
            return Optional.of(words.get(from));
        }
        return Optional.empty();
    }

    public List<String> words() {
        return words;
    }

    static List<String> load(String resource) {
        try (InputStream in = Bip39Wordlist.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("BIP39 word list resource " + resource + " is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> list = List.of(text.split("\n"));
            if (list.size() != SIZE) {
                throw new IllegalStateException("BIP39 word list has " + list.size() + " words, expected " + SIZE);
            }
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i - 1).compareTo(list.get(i)) >= 0) {
                    throw new IllegalStateException("BIP39 word list is not sorted at word " + i + " '" + list.get(i) + "'");
                }
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BIP39 word list " + resource, e);
        }
    }

    /** Lazy, thread-safe, immutable: the class loader initialises it once on first use. */
    private static final class EnglishHolder {
        static final Bip39Wordlist INSTANCE = new Bip39Wordlist(load(RESOURCE));
    }
}
