package io.flint.mempool;

import io.flint.core.Hash;
import io.flint.core.Transaction;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A transaction in the pool's graph: its links to in-pool parents and children and the sums
 * over its ancestors and descendants (itself included) that eviction and limits need, kept up to
 * date by {@link PoolGraph} so that no decision has to walk the whole graph.
 */
final class PoolEntry {
    final MempoolEntry info;
    /** Arrival order: ties in eviction order and the order of snapshots. */
    final long sequence;
    final Set<PoolEntry> parents = new LinkedHashSet<>();
    final Set<PoolEntry> children = new LinkedHashSet<>();
    long ancestorCount;
    long ancestorSize;
    long ancestorFee;
    long descendantCount;
    long descendantSize;
    long descendantFee;

    PoolEntry(MempoolEntry info, long sequence) {
        this.info = info;
        this.sequence = sequence;
        ancestorCount = descendantCount = 1;
        ancestorSize = descendantSize = info.size();
        ancestorFee = descendantFee = info.fee().units();
    }

    Hash txid() {
        return info.txid();
    }

    Transaction tx() {
        return info.tx();
    }

    long fee() {
        return info.fee().units();
    }

    int size() {
        return info.size();
    }

    /**
     * Bitcoin Core's descendant score: the better of its own fee rate and that of it with all its
     * descendants, so a parent that a well-paying child depends on is not evicted cheaply.
     */
    boolean ownRateIsScore() {
        return FeeRates.compare(fee(), size(), descendantFee, descendantSize) >= 0;
    }

    long scoreFee() {
        return ownRateIsScore() ? fee() : descendantFee;
    }

    long scoreSize() {
        return ownRateIsScore() ? size() : descendantSize;
    }

    @Override
    public String toString() {
        return "PoolEntry{" + txid() + ", fee=" + fee() + ", size=" + size() + "}";
    }
}
