package io.flint.api.view;

/**
 * A wallet balance in coins: {@code spendable} now, {@code immature} coinbase, {@code unconfirmed} in the
 * pool, and their total.
 */
public record WalletBalanceView(String spendable, String immature, String unconfirmed, String total) {
}
