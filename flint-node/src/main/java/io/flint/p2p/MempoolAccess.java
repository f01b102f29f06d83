package io.flint.p2p;

import io.flint.core.Hash;
import io.flint.core.RejectReason;
import io.flint.core.Transaction;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PoolAccess} over the node's {@link Mempool}. Rejections by pool policy (codes
 * {@code POOL_*}, and a lock time not reached yet) are refusals, not offences: an honest peer
 * may relay a transaction this pool does not want. Every other rejection breaks a consensus rule.
 */
public final class MempoolAccess implements PoolAccess {
    private final Mempool pool;

    public MempoolAccess(Mempool pool) {
        this.pool = pool;
    }

    @Override
    public TxAdmission accept(Transaction tx) {
        AcceptOutcome outcome = pool.accept(tx);
        if (outcome instanceof AcceptOutcome.Accepted) {
            return new TxAdmission.Accepted();
        }
        if (outcome instanceof AcceptOutcome.AlreadyKnown) {
            return new TxAdmission.Known();
        }
        if (outcome instanceof AcceptOutcome.MissingInputs) {
            return new TxAdmission.MissingInputs();
        }
        AcceptOutcome.Rejected rejected = (AcceptOutcome.Rejected) outcome;
        RejectReason reason = rejected.rejection().reason();
        if (reason.name().startsWith("POOL_") || dependsOnOurTip(reason)) {
            return new TxAdmission.Refused(rejected.rejection().message());
        }
        return new TxAdmission.Invalid(rejected.rejection().message());
    }

    /**
     * Rejections that say only that our chain is not where the sender's is: a lock time or a
     * coinbase's maturity not reached at our tip may well be at the sender's, a few blocks ahead
     * of us (or on the other side of a reorganisation). Bitcoin Core does not punish them
     * either; only a transaction invalid on any chain is an offence.
     */
    private static boolean dependsOnOurTip(RejectReason reason) {
        return reason == RejectReason.TX_NON_FINAL || reason == RejectReason.TX_PREMATURE_COINBASE_SPEND;
    }

    @Override
    public boolean contains(Hash txid) {
        return pool.contains(txid);
    }

    @Override
    public List<Transaction> pending(int limit) {
        List<Transaction> out = new ArrayList<>();
        for (MempoolEntry e : pool.entries()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(e.tx());
        }
        return out;
    }
}
