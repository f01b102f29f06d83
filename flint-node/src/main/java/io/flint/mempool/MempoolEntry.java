package io.flint.mempool;

import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import java.time.Instant;

/**
 * A transaction in the pool as readers see it: the transaction, its fee and size and when it
 * entered. Immutable, so a snapshot of entries can cross threads.
 */
public record MempoolEntry(Transaction tx, Amount fee, Instant time) {
    public MempoolEntry {
        if (tx == null || fee == null || time == null) {
            throw new IllegalArgumentException("a pool entry needs its transaction, fee and time");
        }
    }

    public Hash txid() {
        return tx.txid();
    }

    /** Serialized bytes. */
    public int size() {
        return tx.size();
    }

    /** Fee per serialized byte, units (for display; ordering compares exact fractions, see {@link FeeRates}). */
    public double feeRate() {
        return (double) fee.units() / tx.size();
    }
}
