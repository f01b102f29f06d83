package io.flint.mining;

import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.consensus.Coin;
import io.flint.core.consensus.TxInputRules;
import io.flint.core.consensus.UtxoLookup;
import io.flint.mempool.FeeRates;
import io.flint.mempool.MempoolEntry;
import io.flint.mempool.Reachable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Chooses a block's transactions from a pool snapshot by ancestor fee rate, as Bitcoin Core's
 * {@code BlockAssembler::addPackageTxs}: the best package (a transaction with its not yet chosen
 * ancestors) goes in first, ancestors before descendants, until the size budget is used; a
 * package that does not fit is skipped and smaller ones may still fill the space.
 *
 * <p>The snapshot is checked against the chain first: a pool entry whose coins the chain does
 * not have (the pool has not caught up with a block yet), or which is not final or spends an
 * immature coinbase at this height, is left out with its descendants, so a template is valid
 * even while the pool lags behind the tip.
 */
final class TransactionSelector {
    /** One pool entry during selection. */
    private static final class Candidate {
        final MempoolEntry entry;
        final int order;
        final List<Candidate> parents = new ArrayList<>();
        final List<Candidate> children = new ArrayList<>();
        int ancestorCount;
        boolean excluded;
        boolean chosen;
        int version;

        Candidate(MempoolEntry entry, int order) {
            this.entry = entry;
            this.order = order;
        }
    }

    /** A package's rate when it was queued; stale once the candidate's version moves on. */
    private record Queued(Candidate candidate, int version, long fee, long size) {}

    private TransactionSelector() {}

    /**
     * @param pool the pool's entries (any order)
     * @param maxBytes the size budget for the chosen transactions
     * @return the chosen transactions, parents before children
     */
    static List<MempoolEntry> select(List<MempoolEntry> pool, UtxoLookup chainCoins, long height, long medianTimePast,
                                     NetworkParams params, long maxBytes) {
        Map<Hash, Candidate> byTxid = new HashMap<>();
        List<Candidate> all = new ArrayList<>(pool.size());
        for (MempoolEntry e : pool) {
            Candidate c = new Candidate(e, all.size());
            all.add(c);
            byTxid.put(e.txid(), c);
        }
        for (Candidate c : all) {
            link(c, byTxid, chainCoins, height, medianTimePast, params);
        }
        for (Candidate c : all) {
            if (c.excluded) {
                closure(c, false).forEach(d -> d.excluded = true);
            }
        }
        for (Candidate c : all) {
            c.ancestorCount = closure(c, true).size();
        }
        Comparator<Queued> best = (a, b) -> {
            int r = FeeRates.compare(b.fee, b.size, a.fee, a.size);
            return r != 0 ? r : Integer.compare(a.candidate.order, b.candidate.order);
        };
        PriorityQueue<Queued> queue = new PriorityQueue<>(best);
        for (Candidate c : all) {
            if (!c.excluded) {
                queue.add(queued(c));
            }
        }
        List<MempoolEntry> chosen = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty()) {
            Queued q = queue.poll();
            Candidate c = q.candidate;
            if (c.chosen || q.version != c.version) {
                continue;
            }
            if (bytes + q.size > maxBytes) {
                continue;
            }
            List<Candidate> pkg = new ArrayList<>(unchosenAncestors(c));
            pkg.sort(Comparator.comparingInt((Candidate p) -> p.ancestorCount).thenComparingInt(p -> p.order));
            Set<Candidate> touched = new LinkedHashSet<>();
            for (Candidate p : pkg) {
                p.chosen = true;
                chosen.add(p.entry);
                bytes += p.entry.size();
                touched.addAll(closure(p, false));
            }
            for (Candidate d : touched) {
                if (!d.chosen && !d.excluded) {
                    d.version++;
                    queue.add(queued(d));
                }
            }
        }
        return chosen;
    }

    private static void link(Candidate c, Map<Hash, Candidate> byTxid, UtxoLookup chainCoins, long height,
                             long medianTimePast, NetworkParams params) {
        Transaction tx = c.entry.tx();
        if (!TxInputRules.isFinal(tx, height, medianTimePast)) {
            c.excluded = true;
        }
        for (TxIn in : tx.inputs()) {
            Candidate parent = byTxid.get(in.prevout().txid());
            if (parent != null) {
                if (!c.parents.contains(parent)) {
                    c.parents.add(parent);
                    parent.children.add(c);
                }
                continue;
            }
            Optional<Coin> coin = chainCoins.coin(in.prevout());
            if (coin.isEmpty() || coin.get().coinbase() && height - coin.get().height() < params.coinbaseMaturity()) {
                c.excluded = true;
            }
        }
    }

    private static Queued queued(Candidate c) {
        long fee = 0;
        long size = 0;
        for (Candidate a : unchosenAncestors(c)) {
            fee += a.entry.fee().units();
            size += a.entry.size();
        }
        return new Queued(c, c.version, fee, size);
    }

    private static Set<Candidate> unchosenAncestors(Candidate c) {
        Set<Candidate> out = new LinkedHashSet<>();
        for (Candidate a : closure(c, true)) {
            if (!a.chosen) {
                out.add(a);
            }
        }
        return out;
    }

    /** {@code c} with all its ancestors ({@code up}) or descendants. */
    private static Set<Candidate> closure(Candidate c, boolean up) {
        return Reachable.from(List.of(c), x -> up ? x.parents : x.children);
    }
}
