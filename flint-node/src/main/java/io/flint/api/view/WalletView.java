package io.flint.api.view;

import java.util.List;

/**
 * {@code GET /wallet}: the node wallet's issued addresses, the one mining pays, its balance and how many
 * outputs it holds.
 */
public record WalletView(List<String> addresses, String miningAddress, WalletBalanceView balance, int utxos) {
    public WalletView {
        addresses = List.copyOf(addresses);
    }
}
