package io.flint.core.consensus;

import io.flint.core.Amount;
import java.util.List;

/**
 * What connecting a block's transactions found: for every transaction the coins its inputs spent
 * (empty for the coinbase; the undo data), the fees, and the script checks still to run.
 */
public record BlockSpends(List<List<Coin>> spentByTx, Amount fees, List<ScriptCheck> scriptChecks) {
    public BlockSpends {
        spentByTx = List.copyOf(spentByTx);
        scriptChecks = List.copyOf(scriptChecks);
    }
}
