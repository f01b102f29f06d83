package io.flint.core.consensus;

import io.flint.core.Amount;
import java.util.List;

/** What checking a transaction's inputs found: the coins it spends, in input order, and its fee. */
public record SpentInputs(List<Coin> coins, Amount fee) {
    public SpentInputs {
        coins = List.copyOf(coins);
    }
}
