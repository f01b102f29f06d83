package io.flint.wallet;

import io.flint.core.Amount;

/** A fee rate in units per byte of serialized transaction. */
public record FeeRate(long unitsPerByte) {
    /** One unit per byte: enough on a quiet network. */
    public static final FeeRate DEFAULT = new FeeRate(1);

    public FeeRate {
        if (unitsPerByte < 0) {
            throw new IllegalArgumentException("fee rate must not be negative, got " + unitsPerByte + " units/byte");
        }
        if (unitsPerByte > 1_000_000) {
            throw new IllegalArgumentException("fee rate " + unitsPerByte + " units/byte is absurdly high (limit 1000000)");
        }
    }

    /** The fee for a transaction of {@code bytes} bytes. */
    public Amount feeFor(int bytes) {
        return Amount.ofUnits(Math.multiplyExact(unitsPerByte, (long) bytes));
    }

    @Override
    public String toString() {
        return unitsPerByte + " units/byte";
    }
}
