package io.flint.chain;

import io.flint.chain.store.Column;
import io.flint.chain.store.StoreBatch;
import io.flint.core.Block;
import io.flint.core.Transaction;

/**
 * The rows of the TX column a block adds when it connects and takes away when it disconnects:
 * txid -> block hash, both in internal byte order. Deletes of a reorganisation's disconnected
 * blocks come before the puts of its connected ones in the same batch, so a transaction in both
 * branches ends up pointing at its block on the new one.
 */
final class TxIndex {
    private TxIndex() {}

    static void connect(Block block, StoreBatch batch) {
        byte[] blockHash = block.hash().toBytes();
        for (Transaction tx : block.transactions()) {
            batch.put(Column.TX, tx.txid().toBytes(), blockHash);
        }
    }

    static void disconnect(Block block, StoreBatch batch) {
        for (Transaction tx : block.transactions()) {
            batch.delete(Column.TX, tx.txid().toBytes());
        }
    }
}
