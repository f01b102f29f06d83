package io.flint.sim;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line ({@code 500ms}, {@code 30s}, {@code 1.5m}, {@code 2h}, {@code 1d}). */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses {@code text}: a non-negative number and a unit (ms, s, m, h or d), e.g. {@code 30s}.
     * Units are lower case only: {@code 1M} reads as a month (or mega) as much as a minute, so it is
     * refused rather than guessed.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = FORM.matcher(trimmed);
        if (!m.matches()) {
            boolean upperCaseUnit = FORM.matcher(trimmed.toLowerCase(Locale.ROOT)).matches();
            throw new IllegalArgumentException("'" + text + "' is not a duration: "
                    + (upperCaseUnit ? "units are lower case" : "give a number and a unit")
                    + ", e.g. 500ms, 30s, 10m, 1h or 2d");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long nanosPerUnit = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * As {@link #parse(String)}, for the value of a command-line option: the message starts with the
     * option's name ({@code --latency: 'fast' is not a duration ...}), as every other bad option's does.
     */
    public static Duration parse(String option, String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** The shortest exact form {@link #parse} reads back: {@code 1h}, {@code 90s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (d.toNanos() % 1_000_000 != 0) {
            // exact and never in scientific notation (a double would print 100 ns as 1.0E-4ms)
            return BigDecimal.valueOf(d.toNanos(), 6).stripTrailingZeros().toPlainString() + "ms";
        }
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
