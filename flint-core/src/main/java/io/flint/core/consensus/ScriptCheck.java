package io.flint.core.consensus;

import io.flint.core.Rejection;
import io.flint.core.Transaction;
import io.flint.crypto.Secp256k1;
import java.util.Optional;

/**
 * One input's script check, with everything it needs: the transaction, which input and the coin
 * it spends. Independent of every other check, so a block's checks can run on many threads; the
 * indexes order the results so the first failure is reported deterministically.
 */
public record ScriptCheck(int txIndex, Transaction tx, int inputIndex, Coin spent) {
    public Optional<Rejection> run(Secp256k1 engine) {
        return TxInputRules.verifyScript(tx, inputIndex, spent, engine)
                .map(r -> BlockRules.inTransaction(r, txIndex, tx));
    }
}
