package io.flint.api.view;

/**
 * An unspent output of {@code GET /address/{a}/utxos}: {@code height} -1 while unconfirmed; {@code
 * spendable} when it can go into the next block (confirmed, and mature if coinbase).
 */
public record UtxoView(String txid, long vout, String value, long units, long height, boolean coinbase,
        long confirmations, boolean spendable, String scriptPubKey) {
}
