package io.flint.wallet;

import java.util.ArrayList;
import java.util.List;

/**
 * A BIP32 path from the master key, such as {@code m/44'/0'/0'/0/7}. Hardened steps may be
 * written with {@code '}, {@code h} or {@code H}.
 */
public record DerivationPath(List<ChildNumber> steps) {
    /** The master key itself. */
    public static final DerivationPath MASTER = new DerivationPath(List.of());

    public DerivationPath {
        steps = List.copyOf(steps);
        if (steps.size() > 255) {
            throw new IllegalArgumentException("a BIP32 path has at most 255 steps, got " + steps.size());
        }
    }

    /**
     * Parses {@code m}, {@code m/0'/1/2h}, ...
     *
     * @throws IllegalArgumentException naming the step that is not a valid child number
     */
    public static DerivationPath parse(String text) {
        String s = text.strip();
        if (!s.equals("m") && !s.startsWith("m/")) {
            throw new IllegalArgumentException("a derivation path starts with 'm' (e.g. m/44'/0'/0'/0/7), got '" + text + "'");
        }
        if (s.equals("m")) {
            return MASTER;
        }
        String[] parts = s.substring(2).split("/", -1);
        List<ChildNumber> steps = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            steps.add(parseStep(parts[i], i + 1, text));
        }
        return new DerivationPath(steps);
    }

    private static ChildNumber parseStep(String part, int position, String text) {
        boolean hardened = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
        String digits = hardened ? part.substring(0, part.length() - 1) : part;
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("step " + position + " '" + part + "' of path '" + text + "' is not a child number");
        }
        long index = Long.parseLong(digits);
        if (index > ChildNumber.MAX_INDEX) {
            throw new IllegalArgumentException("step " + position + " '" + part + "' of path '" + text
                    + "' is above the largest index 2147483647 (use ' for hardened children)");
        }
        return hardened ? ChildNumber.hardened((int) index) : ChildNumber.normal((int) index);
    }

    /** This path extended by one step. */
    public DerivationPath child(ChildNumber step) {
        List<ChildNumber> longer = new ArrayList<>(steps);
        longer.add(step);
        return new DerivationPath(longer);
    }

    public int depth() {
        return steps.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("m");
        for (ChildNumber step : steps) {
            sb.append('/').append(step);
        }
        return sb.toString();
    }
}
