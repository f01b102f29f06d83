package io.flint.api.view;

/**
 * A transaction touching an address, {@code GET /address/{a}/history}: {@code received}/{@code spent}
 * whether it pays to / spends from the address, {@code value_in} what it pays to the address, {@code
 * value_out} what it spends of the address's outputs, {@code net} the difference (may be negative); {@code
 * height} -1 while pooled; {@code coinbase} whether it is a block reward (spendable only after the
 * network's coinbase maturity).
 */
public record HistoryEntryView(String txid, long height, long confirmations, boolean received, boolean spent,
        String valueIn, String valueOut, String net, boolean coinbase) {
}
