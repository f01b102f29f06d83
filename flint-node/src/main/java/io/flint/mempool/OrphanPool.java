package io.flint.mempool;

import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transactions that arrived before a parent: kept, bounded in count and bytes (oldest dropped
 * first) and for a limited time, and handed back when a transaction they wait for appears.
 * A peer can fill it with junk at no cost, which is why it is small and nothing in it is trusted.
 */
final class OrphanPool {
    /**
     * A waiting transaction; {@code fromBlock} marks one that came out of a disconnected block,
     * which re-enters the pool as such (no minimum fee, no room check).
     */
    record Orphan(Transaction tx, Instant time, Set<Hash> waitingFor, boolean fromBlock) {}

    private final MempoolConfig config;
    /** Insertion order is age order: the first entry is the oldest. */
    private final Map<Hash, Orphan> byTxid = new LinkedHashMap<>();
    private final Map<Hash, Set<Hash>> byParent = new LinkedHashMap<>();
    private long bytes;

    OrphanPool(MempoolConfig config) {
        this.config = config;
    }

    boolean contains(Hash txid) {
        return byTxid.containsKey(txid);
    }

    int size() {
        return byTxid.size();
    }

    /** Keeps {@code tx} until the transactions that created {@code missing} appear (or it is dropped). */
    void add(Transaction tx, List<OutPoint> missing, Instant now, boolean fromBlock) {
        if (byTxid.containsKey(tx.txid()) || tx.size() > config.maxOrphanBytes()) {
            return;
        }
        Set<Hash> parents = new LinkedHashSet<>();
        for (OutPoint o : missing) {
            parents.add(o.txid());
        }
        byTxid.put(tx.txid(), new Orphan(tx, now, parents, fromBlock));
        for (Hash p : parents) {
            byParent.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(tx.txid());
        }
        bytes += tx.size();
        while (byTxid.size() > config.maxOrphans() || bytes > config.maxOrphanBytes()) {
            remove(byTxid.keySet().iterator().next());
        }
    }

    /** Removes and returns the orphans waiting for {@code parent}, oldest first. */
    List<Orphan> takeChildrenOf(Hash parent) {
        Set<Hash> waiting = byParent.get(parent);
        if (waiting == null) {
            return List.of();
        }
        List<Orphan> out = new ArrayList<>();
        for (Hash txid : List.copyOf(waiting)) {
            out.add(byTxid.get(txid));
            remove(txid);
        }
        return out;
    }

    /** Removes and returns the orphans that came out of disconnected blocks, oldest first. */
    List<Orphan> takeFromBlocks() {
        List<Orphan> out = byTxid.values().stream().filter(Orphan::fromBlock).toList();
        out.forEach(o -> remove(o.tx().txid()));
        return out;
    }

    void remove(Hash txid) {
        Orphan o = byTxid.remove(txid);
        if (o == null) {
            return;
        }
        bytes -= o.tx().size();
        for (Hash p : o.waitingFor()) {
            Set<Hash> siblings = byParent.get(p);
            siblings.remove(txid);
            if (siblings.isEmpty()) {
                byParent.remove(p);
            }
        }
    }

    /** Drops orphans that spend any of {@code spent} (a block spent those outputs: they can never enter). */
    void removeSpending(Set<OutPoint> spent) {
        List<Hash> doomed = new ArrayList<>();
        for (Orphan o : byTxid.values()) {
            for (TxIn in : o.tx().inputs()) {
                if (spent.contains(in.prevout())) {
                    doomed.add(o.tx().txid());
                    break;
                }
            }
        }
        doomed.forEach(this::remove);
    }

    /** Drops orphans that arrived before {@code cutoff}; returns how many. */
    int expire(Instant cutoff) {
        int n = 0;
        for (Orphan o : List.copyOf(byTxid.values())) {
            if (o.time().isBefore(cutoff)) {
                remove(o.tx().txid());
                n++;
            }
        }
        return n;
    }
}
