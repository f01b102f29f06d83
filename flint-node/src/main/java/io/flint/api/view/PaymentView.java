package io.flint.api.view;

/**
 * {@code POST /wallet/send}: the payment made: txid, amount and fee in coins, recipient, change address
 * (null without change), size in bytes.
 */
public record PaymentView(String txid, String amount, String fee, String to, String changeAddress, int size) {
}
