package io.flint.core;

import java.math.BigDecimal;

/**
 * An amount of money in units (1 coin = 100 000 000 units), always within Bitcoin's
 * {@code MoneyRange}: 0 to {@link #MAX_MONEY} (21 000 000 coins). Arithmetic is checked: a
 * result outside that range throws {@link ArithmeticException} instead of wrapping.
 *
 * <p>Raw values from the wire (which may be negative or too large) are plain {@code long}s in
 * {@link TxOut}; validation turns them into a {@link io.flint.core.RejectReason}, and only
 * valid ones become an {@code Amount}.
 */
public record Amount(long units) implements Comparable<Amount> {
    public static final long UNITS_PER_COIN = 100_000_000L;
    public static final long MAX_MONEY_UNITS = 21_000_000L * UNITS_PER_COIN;

    public static final Amount ZERO = new Amount(0);
    public static final Amount ONE_COIN = new Amount(UNITS_PER_COIN);
    public static final Amount MAX_MONEY = new Amount(MAX_MONEY_UNITS);

    private static final int DECIMALS = 8;

    public Amount {
        if (!inMoneyRange(units)) {
            throw new ArithmeticException("amount of " + units + " units is outside 0.." + MAX_MONEY_UNITS);
        }
    }

    /** Bitcoin's MoneyRange: 0 <= units <= MAX_MONEY. */
    public static boolean inMoneyRange(long units) {
        return units >= 0 && units <= MAX_MONEY_UNITS;
    }

    public static Amount ofUnits(long units) {
        return new Amount(units);
    }

    public static Amount ofCoins(long coins) {
        if (coins < 0 || coins > MAX_MONEY_UNITS / UNITS_PER_COIN) {
            throw new ArithmeticException(coins + " coins is outside 0..21000000");
        }
        return new Amount(coins * UNITS_PER_COIN);
    }

    public Amount add(Amount other) {
        return new Amount(Math.addExact(units, other.units));
    }

    /** Throws when {@code other} is larger: an amount is never negative. */
    public Amount subtract(Amount other) {
        return new Amount(Math.subtractExact(units, other.units));
    }

    public Amount multiply(long factor) {
        return new Amount(Math.multiplyExact(units, factor));
    }

    public boolean isZero() {
        return units == 0;
    }

    public boolean isGreaterThan(Amount other) {
        return units > other.units;
    }

    public boolean isLessThan(Amount other) {
        return units < other.units;
    }

    @Override
    public int compareTo(Amount o) {
        return Long.compare(units, o.units);
    }

    /**
     * Parses a decimal coin amount: digits with an optional '.' and at most 8 decimals
     * ("1.5", "0.00000001", "21000000"). No sign, exponent, spaces or separators.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static Amount parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("amount is empty");
        }
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String frac = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.isEmpty() && frac.isEmpty()) {
            throw new IllegalArgumentException("amount '" + text + "' has no digits");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c == '.' && i == dot)) {
                throw new IllegalArgumentException("amount '" + text + "' has '" + c + "' at position " + i
                        + ": only digits and one '.' are allowed");
            }
        }
        if (frac.length() > DECIMALS) {
            throw new IllegalArgumentException("amount '" + text + "' has " + frac.length()
                    + " decimals; the smallest unit is 0.00000001");
        }
        BigDecimal value = new BigDecimal(text.startsWith(".") ? "0" + text : text.endsWith(".") ? text + "0" : text);
        BigDecimal unitsValue = value.movePointRight(DECIMALS);
        if (unitsValue.compareTo(BigDecimal.valueOf(MAX_MONEY_UNITS)) > 0) {
            throw new IllegalArgumentException("amount '" + text + "' exceeds the 21000000 coins that can exist");
        }
        return new Amount(unitsValue.longValueExact());
    }

    /** Shortest decimal coin string: "1.5", "0.00000001", "50". Parses back with {@link #parse}. */
    public String toCoinString() {
        return BigDecimal.valueOf(units, DECIMALS).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return toCoinString();
    }
}
