package io.flint.api.view;

/**
 * {@code GET /address/{a}/balance}: {@code confirmed} (in blocks, spendable or not) and {@code unconfirmed}
 * (pool) as the node sees them, split further into {@code spendable} and {@code immature} (coinbase
 * awaiting maturity); amounts in coins, with units beside.
 */
public record AddressBalanceView(String address, String confirmed, String unconfirmed, String spendable,
        String immature, long confirmedUnits, long unconfirmedUnits, long spendableUnits, long immatureUnits,
        int utxos) {
}
