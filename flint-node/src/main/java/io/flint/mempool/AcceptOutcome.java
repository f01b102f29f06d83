package io.flint.mempool;

import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.RejectReason;
import io.flint.core.Rejection;
import java.util.List;

/** What {@link Mempool#accept} did with a transaction. */
public sealed interface AcceptOutcome {

    /** The transaction's id. */
    Hash txid();

    /**
     * In the pool now.
     *
     * @param fee what the transaction pays the miner
     * @param promotedOrphans orphans that were waiting for this transaction (or for each other)
     *     and entered the pool with it, in the order they entered; a relaying node announces them too
     */
    record Accepted(Hash txid, Amount fee, List<Hash> promotedOrphans) implements AcceptOutcome {
        public Accepted {
            promotedOrphans = List.copyOf(promotedOrphans);
        }
    }

    /** Already in the pool: nothing changed. Not an offence (peers announce the same transaction). */
    record AlreadyKnown(Hash txid) implements AcceptOutcome {
        /** The rejection to report when an answer must be a rejection (a resubmitted transaction). */
        public Rejection rejection() {
            return new Rejection(RejectReason.POOL_ALREADY_IN_POOL, txid.toString());
        }
    }

    /** Refused, with the rule it broke. */
    record Rejected(Hash txid, Rejection rejection) implements AcceptOutcome {}

    /**
     * Spends outputs that neither the chain nor the pool knows: kept in the orphan pool (bounded,
     * expiring) and retried when a transaction it waits for enters the pool or a block.
     *
     * @param missing the outpoints it spends that were not found, in input order
     */
    record MissingInputs(Hash txid, List<OutPoint> missing) implements AcceptOutcome {
        public MissingInputs {
            missing = List.copyOf(missing);
        }
    }
}
