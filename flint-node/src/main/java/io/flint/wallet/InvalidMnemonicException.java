package io.flint.wallet;

/**
 * A recovery phrase that is not a valid BIP39 mnemonic. {@link #problem()} says which rule it
 * broke and {@link #position()} which word (1-based), so a user can fix exactly that word.
 */
public final class InvalidMnemonicException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The rule a phrase broke. */
    public enum Problem {
        /** Not 12, 15, 18, 21 or 24 words. */
        WORD_COUNT,
        /** A word that is not in the English list. */
        UNKNOWN_WORD,
        /** Every word is known but the embedded checksum does not match: a word is wrong or out of order. */
        CHECKSUM
    }

    private final Problem problem;
    private final int position;

    InvalidMnemonicException(Problem problem, int position, String message) {
        super(message);
        this.problem = problem;
        this.position = position;
    }

    public Problem problem() {
        return problem;
    }

    /** 1-based position of the offending word, or 0 when the problem is not one word's. */
    public int position() {
        return position;
    }
}
