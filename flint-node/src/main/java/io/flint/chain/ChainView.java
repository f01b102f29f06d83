package io.flint.chain;

import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.consensus.UtxoLookup;
import java.util.Optional;

/**
 * What the pool, the miner and the wallet need of the chain: its parameters, the current tip
 * and the tip's unspent outputs. Safe to call from any thread.
 */
public interface ChainView {
    NetworkParams params();

    ChainTip tip();

    /** The unspent outputs of the best chain at its current tip. */
    UtxoLookup utxos();

    /**
     * A transaction of the best chain by txid, with its block; empty when no best-chain block
     * holds it. The pool tells a coin the chain spent from one it has never seen by it.
     */
    Optional<ConfirmedTransaction> transaction(Hash txid);

    void addListener(ChainListener listener);
}
