package io.flint.core.consensus;

import io.flint.core.TxOut;

/**
 * An unspent output as the chain remembers it: the output, the height of the block that created
 * it and whether that transaction was a coinbase (which must mature before it is spent).
 * {@code height} is {@link #MEMPOOL_HEIGHT} for an output of an unconfirmed transaction.
 */
public record Coin(TxOut output, long height, boolean coinbase) {
    /** The height given to outputs of transactions still in the pool, as Bitcoin Core's MEMPOOL_HEIGHT. */
    public static final long MEMPOOL_HEIGHT = 0x7fff_ffffL;

    public Coin {
        if (output == null) {
            throw new IllegalArgumentException("a coin needs its output");
        }
        if (height < 0) {
            throw new IllegalArgumentException("negative coin height " + height);
        }
    }
}
