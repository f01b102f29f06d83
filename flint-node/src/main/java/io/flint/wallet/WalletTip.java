package io.flint.wallet;

/**
 * What spendability depends on: the height of the best chain's tip and how many confirmations a
 * coinbase output needs ({@code NetworkParams.coinbaseMaturity()}).
 */
public record WalletTip(long height, int coinbaseMaturity) {
    public WalletTip {
        if (height < 0) {
            throw new IllegalArgumentException("tip height must not be negative, got " + height);
        }
        if (coinbaseMaturity < 0) {
            throw new IllegalArgumentException("coinbase maturity must not be negative, got " + coinbaseMaturity);
        }
    }

    /** Confirmations of an output mined at {@code outputHeight}: 1 in the tip block itself. */
    public long confirmations(long outputHeight) {
        return outputHeight < 0 || outputHeight > height ? 0 : height - outputHeight + 1;
    }
}
