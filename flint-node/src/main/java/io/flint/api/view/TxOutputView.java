package io.flint.api.view;

/**
 * An output: index, value in coins and units, the address it pays ("" when not P2PKH), the script in hex
 * and its type (pubkeyhash, pubkey, nulldata, nonstandard).
 */
public record TxOutputView(int n, String value, long units, String address, String scriptPubKey, String type) {
}
