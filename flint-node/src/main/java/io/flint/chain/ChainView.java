package io.flint.chain;

import io.flint.core.NetworkParams;
import io.flint.core.consensus.UtxoLookup;

/**
 * What the pool, the miner and the wallet need of the chain: its parameters, the current tip
 * and the tip's unspent outputs. Safe to call from any thread.
 */
public interface ChainView {
    NetworkParams params();

    ChainTip tip();

    /** The unspent outputs of the best chain at its current tip. */
    UtxoLookup utxos();

    void addListener(ChainListener listener);
}
