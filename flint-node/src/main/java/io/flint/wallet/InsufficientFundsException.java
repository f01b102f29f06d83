package io.flint.wallet;

import io.flint.core.Amount;

/**
 * The spendable outputs do not cover the amount and the fee of spending them all. The message
 * gives both numbers and, when some coins were left out (immature coinbase or unconfirmed),
 * how much they hold.
 */
public final class InsufficientFundsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Amount have;
    private final transient Amount amount;
    private final transient Amount fee;
    private final transient Amount notYetSpendable;

    InsufficientFundsException(Amount have, Amount amount, Amount fee, Amount notYetSpendable) {
        super("insufficient funds: have " + have + ", need " + amount.add(fee) + " (amount " + amount + " + fee " + fee
                + ", the least fee: every spendable coin in, no change out)"
                + (notYetSpendable.isZero() ? "" : "; " + notYetSpendable + " more is not spendable yet (immature coinbase or unconfirmed)"));
        this.have = have;
        this.amount = amount;
        this.fee = fee;
        this.notYetSpendable = notYetSpendable;
    }

    /** What the spendable outputs hold. */
    public Amount have() {
        return have;
    }

    /** Amount plus fee. */
    public Amount need() {
        return amount.add(fee);
    }

    public Amount amount() {
        return amount;
    }

    public Amount fee() {
        return fee;
    }

    public Amount notYetSpendable() {
        return notYetSpendable;
    }
}
