package io.flint.api.view;

/**
 * An input: the output it spends ({@code prev_txid}, {@code prev_vout}; all zeros and 4294967295 for a
 * coinbase), its script in hex and sequence.
 */
public record TxInputView(String prevTxid, long prevVout, String scriptSig, long sequence) {
}
