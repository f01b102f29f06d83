package io.flint.mempool;

import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a reorganisation in progress dropped (transactions of disconnected blocks that could not
 * come back, pool entries the new chain invalidates), held until it ends so that the blocks it
 * connects can name the transaction each one lost to: the chain's coins are already the new
 * branch's when the disconnected blocks' transactions come back, while the rival spend shows only
 * when its block's connect is announced, after every disconnect. Loop thread only.
 */
final class ReorgDrops {
    private static final class Drop {
        final Transaction tx;
        /** "was in block 16 (...), which the reorganisation took off, and ", or "" for a pool entry. */
        final String origin;
        final String detail;
        /** The dropped transaction whose output this one spends (its fate is this one's), or null. */
        final Hash cause;
        Hash conflicting;
        String conflictDetail;

        Drop(Transaction tx, String origin, String detail, Hash cause) {
            this.tx = tx;
            this.origin = origin;
            this.detail = detail;
            this.cause = cause;
        }
    }

    private final Map<Hash, Drop> drops = new LinkedHashMap<>();
    private final Map<OutPoint, Hash> byInput = new HashMap<>();

    boolean contains(Hash txid) {
        return drops.containsKey(txid);
    }

    /**
     * Notes a dropped transaction; {@code origin} the block it was in, said before the detail (or
     * ""), {@code cause} the dropped ancestor it depends on, or null.
     */
    void add(Transaction tx, String origin, String detail, Hash cause) {
        if (drops.putIfAbsent(tx.txid(), new Drop(tx, origin, detail, cause)) == null) {
            for (TxIn in : tx.inputs()) {
                byInput.put(in.prevout(), tx.txid());
            }
        }
    }

    /** A connected block holds {@code txid}: it was not lost after all (the new branch has it too). */
    void confirmed(Hash txid) {
        Drop d = drops.remove(txid);
        if (d != null) {
            for (TxIn in : d.tx.inputs()) {
                byInput.remove(in.prevout());
            }
        }
    }

    /** A connected block's transaction {@code spender} spends {@code outpoint}: a drop spending it lost to it. */
    void spentBy(OutPoint outpoint, Hash spender) {
        Hash loser = byInput.get(outpoint);
        Drop d = loser == null ? null : drops.get(loser);
        if (d != null && d.conflicting == null && !loser.equals(spender)) {
            d.conflicting = spender;
            d.conflictDetail = "spends " + outpoint + ", which block transaction " + spender + " spends";
        }
    }

    /** The removals to report, in the order they were dropped; forgets them. */
    List<PoolRemoval> drain() {
        List<PoolRemoval> out = new ArrayList<>(drops.size());
        for (Drop d : drops.values()) {
            Drop root = d;
            // a chain of causes is at most as long as the drops (guards a cycle that cannot happen)
            for (int i = 0; root.cause != null && drops.containsKey(root.cause) && i < drops.size(); i++) {
                root = drops.get(root.cause);
            }
            if (root.conflicting != null) {
                out.add(new PoolRemoval(d.tx.txid(), RemovalReason.CONFLICT, Optional.of(root.conflicting),
                        d.origin + (d == root ? d.conflictDetail : d.detail)));
            } else {
                out.add(new PoolRemoval(d.tx.txid(), RemovalReason.REORG_INVALID, Optional.empty(), d.origin + d.detail));
            }
        }
        drops.clear();
        byInput.clear();
        return out;
    }
}
