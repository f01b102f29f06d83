package io.flint.mempool;

import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool's transactions as a graph: by txid, by the outputs they spend, parent and child
 * links, ancestor and descendant sums, and the eviction order (lowest descendant score first).
 * Structure only; {@link Mempool} decides what enters and leaves. Mutated by one thread; the two
 * lookup maps are concurrent so that other threads may read single entries without a lock.
 */
final class PoolGraph {
    private final Map<Hash, PoolEntry> byTxid = new ConcurrentHashMap<>();
    private final Map<OutPoint, PoolEntry> spenders = new ConcurrentHashMap<>();
    private final NavigableSet<PoolEntry> evictionOrder = new TreeSet<>(PoolGraph::compareEviction);
    private volatile long bytes;
    private long nextSequence;

    /** Lowest score first; among equal scores the newest first, because the first seen was there first. */
    private static int compareEviction(PoolEntry a, PoolEntry b) {
        int c = FeeRates.compare(a.scoreFee(), a.scoreSize(), b.scoreFee(), b.scoreSize());
        return c != 0 ? c : Long.compare(b.sequence, a.sequence);
    }

    PoolEntry get(Hash txid) {
        return byTxid.get(txid);
    }

    /** The pool transaction spending {@code outpoint}, or null. */
    PoolEntry spender(OutPoint outpoint) {
        return spenders.get(outpoint);
    }

    int size() {
        return byTxid.size();
    }

    long bytes() {
        return bytes;
    }

    Collection<PoolEntry> entries() {
        return byTxid.values();
    }

    /** Lowest descendant score first. Do not change the graph while iterating. */
    Iterable<PoolEntry> evictionOrder() {
        return evictionOrder;
    }

    /** The pool transactions whose outputs {@code tx} spends. */
    Set<PoolEntry> parentsOf(Transaction tx) {
        Set<PoolEntry> parents = new LinkedHashSet<>();
        for (TxIn in : tx.inputs()) {
            PoolEntry parent = byTxid.get(in.prevout().txid());
            if (parent != null) {
                parents.add(parent);
            }
        }
        return parents;
    }

    /** {@code parents} and all their in-pool ancestors. */
    static Set<PoolEntry> ancestorsOf(Collection<PoolEntry> parents) {
        return closure(parents, true);
    }

    /** {@code entry} and all its in-pool descendants, parents before children. */
    static Set<PoolEntry> withDescendants(PoolEntry entry) {
        return closure(Set.of(entry), false);
    }

    private static Set<PoolEntry> closure(Collection<PoolEntry> start, boolean up) {
        return Reachable.from(start, e -> up ? e.parents : e.children);
    }

    /**
     * Adds a transaction whose in-pool {@code parents} (and their {@code ancestors}, parents
     * included) are known. Transactions already in the pool that spend its outputs (only after a
     * block was disconnected: its transactions come back after their children stayed) become its
     * children.
     */
    PoolEntry add(MempoolEntry info, Set<PoolEntry> parents, Set<PoolEntry> ancestors) {
        PoolEntry e = new PoolEntry(info, nextSequence++);
        for (PoolEntry p : parents) {
            p.children.add(e);
            e.parents.add(p);
        }
        for (PoolEntry a : ancestors) {
            e.ancestorCount += 1;
            e.ancestorSize += a.size();
            e.ancestorFee += a.fee();
            changeDescendants(a, 1, e.size(), e.fee());
        }
        for (TxIn in : info.tx().inputs()) {
            spenders.put(in.prevout(), e);
        }
        byTxid.put(e.txid(), e);
        bytes += e.size();
        evictionOrder.add(e);
        Set<PoolEntry> waitingChildren = new LinkedHashSet<>();
        for (int i = 0; i < info.tx().outputs().size(); i++) {
            PoolEntry child = spenders.get(new OutPoint(e.txid(), i));
            if (child != null) {
                waitingChildren.add(child);
            }
        }
        if (!waitingChildren.isEmpty()) {
            for (PoolEntry c : waitingChildren) {
                c.parents.add(e);
                e.children.add(c);
            }
            Set<PoolEntry> affected = closure(Set.of(e), true);
            affected.addAll(closure(Set.of(e), false));
            affected.forEach(this::recomputeSums);
        }
        return e;
    }

    /**
     * Removes {@code removed}: either sets closed under descendants (eviction, expiry, conflicts)
     * or transactions a block confirmed, whose descendants stay. Sums of what stays are corrected.
     */
    void remove(Collection<PoolEntry> removed) {
        Set<PoolEntry> gone = new LinkedHashSet<>(removed);
        for (PoolEntry e : gone) {
            for (PoolEntry a : closure(e.parents, true)) {
                if (!gone.contains(a)) {
                    changeDescendants(a, -1, -e.size(), -e.fee());
                }
            }
            for (PoolEntry d : closure(e.children, false)) {
                if (!gone.contains(d)) {
                    d.ancestorCount -= 1;
                    d.ancestorSize -= e.size();
                    d.ancestorFee -= e.fee();
                }
            }
        }
        for (PoolEntry e : gone) {
            evictionOrder.remove(e);
            for (PoolEntry p : e.parents) {
                p.children.remove(e);
            }
            for (PoolEntry c : e.children) {
                c.parents.remove(e);
            }
            for (TxIn in : e.tx().inputs()) {
                spenders.remove(in.prevout(), e);
            }
            byTxid.remove(e.txid());
            bytes -= e.size();
        }
    }

    /** The eviction key changes with the descendant sums: take the entry out of the order while they change. */
    private void changeDescendants(PoolEntry a, long count, long size, long fee) {
        evictionOrder.remove(a);
        a.descendantCount += count;
        a.descendantSize += size;
        a.descendantFee += fee;
        evictionOrder.add(a);
    }

    private void recomputeSums(PoolEntry e) {
        evictionOrder.remove(e);
        e.ancestorCount = e.ancestorSize = e.ancestorFee = 0;
        for (PoolEntry a : closure(Set.of(e), true)) {
            e.ancestorCount += 1;
            e.ancestorSize += a.size();
            e.ancestorFee += a.fee();
        }
        e.descendantCount = e.descendantSize = e.descendantFee = 0;
        for (PoolEntry d : closure(Set.of(e), false)) {
            e.descendantCount += 1;
            e.descendantSize += d.size();
            e.descendantFee += d.fee();
        }
        evictionOrder.add(e);
    }
}
