package io.flint.sim;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers echoed to people in plain decimals: {@code Double.toString} turns 0.0000001 into
 * {@code 1.0E-7}, which reads as a typo on a command line.
 */
public final class Decimals {
    private Decimals() {}

    /** The number as the user would have typed it: 50 rather than 50.0, 0.0000001 rather than 1.0E-7. */
    public static String plain(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return v == 0 ? "0" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** At most {@code digits} significant digits, in plain decimals: 12.345 to 3 is 12.3, 0.0000001 stays so. */
    public static String significant(double v, int digits) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return plain(BigDecimal.valueOf(v).round(new MathContext(digits)).doubleValue());
    }
}
