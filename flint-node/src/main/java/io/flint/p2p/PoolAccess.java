package io.flint.p2p;

import io.flint.core.Hash;
import io.flint.core.Transaction;
import java.util.List;

/**
 * What the protocol engine needs of the transaction pool. The node adapts its {@code Mempool};
 * called only on the event-loop thread. A light node has no pool: {@link #NONE}.
 */
public interface PoolAccess {

    TxAdmission accept(Transaction tx);

    boolean contains(Hash txid);

    /** Up to {@code limit} pooled transactions, parents before children. */
    List<Transaction> pending(int limit);

    /** The answer of a node without a pool: nothing is ever admitted or held. */
    PoolAccess NONE = new PoolAccess() {
        @Override
        public TxAdmission accept(Transaction tx) {
            return new TxAdmission.Known();
        }

        @Override
        public boolean contains(Hash txid) {
            return false;
        }

        @Override
        public List<Transaction> pending(int limit) {
            return List.of();
        }
    };

    /** What became of a transaction offered to the pool. */
    sealed interface TxAdmission {
        record Accepted() implements TxAdmission {}

        record Known() implements TxAdmission {}

        /** Spends outputs the pool cannot see (yet): not the sender's fault. */
        record MissingInputs() implements TxAdmission {}

        /** Refused by local policy (fee, size, conflict, pool full): not the sender's fault. */
        record Refused(String reason) implements TxAdmission {}

        /** Breaks a consensus rule (bad signature, bad structure): an offence by whoever sent it. */
        record Invalid(String reason) implements TxAdmission {}
    }
}
