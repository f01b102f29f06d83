package io.flint.wallet;

import io.flint.core.Amount;

/**
 * The wallet's outputs split by whether they can be spent now: {@code spendable} (confirmed,
 * and mature if coinbase), {@code immature} (coinbase waiting for its confirmations) and
 * {@code unconfirmed} (only in the pool).
 */
public record Balance(Amount spendable, Amount immature, Amount unconfirmed) {
    public static final Balance ZERO = new Balance(Amount.ZERO, Amount.ZERO, Amount.ZERO);

    public Amount total() {
        return spendable.add(immature).add(unconfirmed);
    }
}
