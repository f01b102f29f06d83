package io.flint.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number options and parameters in words a user reads: picocli's own converters answer
 * "'abc' is not a long" or "is not an int", the names of Java types.
 */
final class WholeNumbers {
    private WholeNumbers() {
    }

    /** For every command of {@code cli}: call after the subcommands are added (picocli copies converters down then). */
    static void register(CommandLine cli) {
        ITypeConverter<Integer> ints = text -> (int) parse(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ITypeConverter<Long> longs = text -> parse(text, Long.MIN_VALUE, Long.MAX_VALUE);
        cli.registerConverter(Integer.class, ints);
        cli.registerConverter(int.class, ints);
        cli.registerConverter(Long.class, longs);
        cli.registerConverter(long.class, longs);
    }

    static long parse(String text, long min, long max) {
        String t = text.strip();
        if (!t.matches("[+-]?[0-9]+")) {
            throw new TypeConversionException("'" + text + "' is not a whole number");
        }
        try {
            long value = Long.parseLong(t);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // too many digits for a long: the same answer as a value past the type's range
        }
        throw new TypeConversionException("'" + text + "' is too " + (t.startsWith("-") ? "small" : "large")
                + " (" + min + ".." + max + ")");
    }
}
