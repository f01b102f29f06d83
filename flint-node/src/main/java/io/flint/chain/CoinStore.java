package io.flint.chain;

import io.flint.core.OutPoint;
import io.flint.core.consensus.Coin;
import io.flint.core.consensus.UtxoLookup;

/** A UTXO set that blocks can be applied to: the store overlay of a reorganisation, or the verifier's replay. */
interface CoinStore extends UtxoLookup {
    void put(OutPoint outPoint, Coin coin);

    void remove(OutPoint outPoint);
}
