package io.flint.api.view;

/**
 * {@code POST /tx} (and {@code /wallet/send}'s broadcast): {@code status} accepted or already_known, {@code
 * fee} in coins (null when already known).
 */
public record TxAcceptedView(String txid, String status, String fee) {
}
