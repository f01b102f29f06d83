package io.flint.api.view;

import java.util.List;

/**
 * A decoded transaction: inputs and outputs, {@code total_out} in coins.
 */
public record TxView(String txid, int version, long locktime, int size, boolean coinbase, List<TxInputView> inputs,
        List<TxOutputView> outputs, String totalOut) {
    public TxView {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
