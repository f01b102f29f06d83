package io.flint.api.view;

/**
 * {@code GET /tx/{txid}}: {@code status} pooled or confirmed; {@code confirmations} 0 while pooled; block
 * hash and height null while pooled; {@code fee} known while pooled, null once confirmed.
 */
public record TxLookupView(String txid, String status, long confirmations, String blockHash, Long blockHeight,
        String fee, int size, String hex, TxView tx) {
}
