package io.flint.mempool;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainListener;
import io.flint.chain.ChainTip;
import io.flint.chain.ChainView;
import io.flint.chain.ConfirmedTransaction;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.CheckTransaction;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.RejectReason;
import io.flint.core.Rejection;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.consensus.Checked;
import io.flint.core.consensus.Coin;
import io.flint.core.consensus.SpentInputs;
import io.flint.core.consensus.TxInputRules;
import io.flint.core.consensus.UtxoLookup;
import io.flint.crypto.Secp256k1;
import io.flint.mempool.AcceptOutcome.Accepted;
import io.flint.mempool.AcceptOutcome.AlreadyKnown;
import io.flint.mempool.AcceptOutcome.MissingInputs;
import io.flint.mempool.AcceptOutcome.Rejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of unconfirmed transactions (Bitcoin Core's mempool, simplified): standard
 * transactions that the next block could include, chains of them, first seen wins on
 * conflicts, bounded in bytes (the lowest descendant fee rate is evicted first, with its
 * descendants), entries expire, blocks remove what they confirm or conflict with, and
 * disconnected blocks give their transactions back. Every transaction dropped other than by a
 * block confirming it is told to the {@linkplain #addRemovalListener removal listeners}, with
 * its {@link RemovalReason}.
 *
 * <p>Threads: {@link #accept}, {@link #expire} and the {@link ChainListener} callbacks mutate and
 * must all run on one thread (the node's event loop). The read methods may be called from any
 * thread; {@link #entries()} is a consistent snapshot, the single-entry reads see each entry
 * whole.
 *
 * <p>Register it with {@code chain.addListener(pool)} (before the miner, so a template built on
 * a new tip already finds the pool cleaned; templates re-check coins anyway).
 */
public final class Mempool implements ChainListener {
    private static final Logger LOG = LoggerFactory.getLogger(Mempool.class);

    private final ChainView chain;
    private final NetworkParams params;
    private final MempoolConfig config;
    private final Clock clock;
    private final Secp256k1 engine;
    private final StandardPolicy policy;
    private final PoolGraph graph = new PoolGraph();
    private final OrphanPool orphans;
    /** Told the outcome of every {@link #accept} (metrics); any thread may add one. */
    private final List<Consumer<AcceptOutcome>> outcomeListeners = new CopyOnWriteArrayList<>();
    /** Told of every transaction dropped without being confirmed (logs, events, metrics); any thread may add one. */
    private final List<Consumer<PoolRemoval>> removalListeners = new CopyOnWriteArrayList<>();
    /** What the reorganisation in progress dropped, reported when it ends ({@link #blockProcessed}). */
    private final ReorgDrops reorgDrops = new ReorgDrops();
    /** Between a block's disconnect and the end of that block's processing: drops wait in {@link #reorgDrops}. */
    private boolean reorgInFlight;
    /**
     * The transactions of the blocks the reorganisation in progress took off, and the block each
     * was in ("block 16 (74877a0d...)"): one that then loses to the new chain was confirmed a
     * moment ago, not a payment waiting in the pool, and its removal says so (a lecturer's
     * students read "removed from the pool" for a transaction that had never been in it).
     */
    private final Map<Hash, String> offChainBlocks = new HashMap<>();
    /** Held while the graph changes and while a snapshot is copied, so a snapshot is never half-changed. */
    private final Object lock = new Object();
    private List<MempoolEntry> snapshot = List.of();
    private boolean snapshotStale;
    /** A block was disconnected: entries may spend coins the new chain lacks. Checked at the next connect. */
    private boolean revalidationPending;

    /**
     * @param engine the secp256k1 engine that verifies input scripts (the node passes
     *     {@code Secp256k1Engines.best()})
     */
    public Mempool(ChainView chain, MempoolConfig config, Clock clock, Secp256k1 engine) {
        if (config.maxTxSize() > chain.params().maxTxSize()) {
            throw new IllegalArgumentException("the pool's transaction size limit " + config.maxTxSize()
                    + " is above the consensus limit " + chain.params().maxTxSize());
        }
        this.chain = chain;
        this.params = chain.params();
        this.config = config;
        this.clock = clock;
        this.engine = engine;
        this.policy = new StandardPolicy(config);
        this.orphans = new OrphanPool(config);
    }

    public MempoolConfig config() {
        return config;
    }

    /**
     * Validates {@code tx} against the chain tip and the pool and admits it when it passes. An
     * accepted transaction lets in the orphans that waited for it. Loop thread only.
     */
    public AcceptOutcome accept(Transaction tx) {
        return accept(tx, true);
    }

    /**
     * {@link #accept}, for a transaction a user submits: one whose inputs are unknown is refused
     * and not held as an orphan, so the refusal changes nothing (a peer's such transaction waits
     * in the orphan pool for its parents, which the peer is likely to send next).
     */
    public AcceptOutcome acceptFromUser(Transaction tx) {
        return accept(tx, false);
    }

    private AcceptOutcome accept(Transaction tx, boolean holdOrphan) {
        AcceptOutcome outcome = acceptAndPromote(tx, false, holdOrphan);
        for (Consumer<AcceptOutcome> l : outcomeListeners) {
            try {
                l.accept(outcome);
            } catch (RuntimeException e) {
                LOG.error("pool outcome listener {} failed on {}", l, tx.txid(), e);
            }
        }
        if (!reorgInFlight) {
            // an orphan from a disconnected block that this transaction let in may have failed
            reportReorgDrops();
        }
        return outcome;
    }

    /**
     * Adds a watcher of what became of each transaction offered with {@link #accept} (from peers
     * and from this node's users; not the re-admissions after a reorganisation). It runs on the
     * thread that called {@code accept} and must be quick.
     */
    public void addOutcomeListener(Consumer<AcceptOutcome> listener) {
        outcomeListeners.add(listener);
    }

    public void removeOutcomeListener(Consumer<AcceptOutcome> listener) {
        outcomeListeners.remove(listener);
    }

    /**
     * Adds a watcher of the transactions the pool drops without their being confirmed: lost to a
     * block's conflicting spend, expired, evicted for space, or invalid after a reorganisation
     * (a pool entry, or a disconnected block's transaction that could not come back), each
     * descendant too. Runs on the loop thread, after the pool changed; must be quick.
     */
    public void addRemovalListener(Consumer<PoolRemoval> listener) {
        removalListeners.add(listener);
    }

    public void removeRemovalListener(Consumer<PoolRemoval> listener) {
        removalListeners.remove(listener);
    }

    private void report(List<PoolRemoval> removals) {
        for (PoolRemoval r : removals) {
            for (Consumer<PoolRemoval> l : removalListeners) {
                try {
                    l.accept(r);
                } catch (RuntimeException e) {
                    LOG.error("pool removal listener {} failed on {}", l, r.txid(), e);
                }
            }
        }
    }

    /**
     * The removals of {@code root} and its descendants (those not in {@code doomed} yet, which
     * they join): the root with {@code detail}, each descendant naming the ancestor it goes with.
     * Returns the bytes of those added.
     */
    private static long doom(PoolEntry root, RemovalReason reason, Optional<Hash> conflicting, String detail,
            Set<PoolEntry> doomed, List<PoolRemoval> out) {
        long bytes = 0;
        for (PoolEntry d : PoolGraph.withDescendants(root)) {
            if (doomed.add(d)) {
                bytes += d.size();
                out.add(new PoolRemoval(d.txid(), reason, conflicting,
                        d == root ? detail : "descends from " + root.txid() + ", which " + detail));
            }
        }
        return bytes;
    }

    private AcceptOutcome acceptAndPromote(Transaction tx, boolean fromBlock, boolean holdOrphan) {
        AcceptOutcome outcome = admit(tx, fromBlock);
        if (outcome instanceof Accepted a) {
            List<Hash> promoted = promoteOrphansOf(List.of(a.txid()));
            return promoted.isEmpty() ? a : new Accepted(a.txid(), a.fee(), promoted);
        }
        if (outcome instanceof MissingInputs m && holdOrphan) {
            orphans.add(tx, m.missing(), clock.instant(), fromBlock);
        }
        return outcome;
    }

    /** Retries the orphans waiting for {@code parents}, and for those that get in, transitively. */
    private List<Hash> promoteOrphansOf(Collection<Hash> parents) {
        Deque<Hash> todo = new ArrayDeque<>(parents);
        List<Hash> promoted = new ArrayList<>();
        while (!todo.isEmpty()) {
            for (OrphanPool.Orphan orphan : orphans.takeChildrenOf(todo.poll())) {
                AcceptOutcome o = admit(orphan.tx(), orphan.fromBlock());
                if (o instanceof Accepted) {
                    promoted.add(o.txid());
                    todo.add(o.txid());
                } else if (o instanceof MissingInputs m) {
                    orphans.add(orphan.tx(), m.missing(), orphan.time(), orphan.fromBlock());
                } else if (o instanceof Rejected r) {
                    LOG.debug("orphan {} dropped: {}", o.txid(), r.rejection().message());
                    if (orphan.fromBlock()) {
                        // it was in a disconnected block: a transaction lost to the reorganisation
                        noteReorgFailure(orphan.tx(), r);
                    }
                }
            }
        }
        return promoted;
    }

    /**
     * The checks, cheapest first, in Bitcoin Core's order. {@code fromBlock}: the transaction was
     * in a disconnected block, so it was already paid for and mined once; it skips the minimum
     * fee and the room check (the pool is trimmed after the whole block).
     */
    private AcceptOutcome admit(Transaction tx, boolean fromBlock) {
        Hash txid = tx.txid();
        if (graph.get(txid) != null) {
            return new AlreadyKnown(txid);
        }
        Optional<Rejection> invalid = CheckTransaction.check(tx, params);
        if (invalid.isPresent()) {
            return new Rejected(txid, invalid.get());
        }
        if (tx.isCoinbase()) {
            return rejected(txid, RejectReason.POOL_COINBASE, "");
        }
        Optional<Rejection> nonStandard = policy.check(tx);
        if (nonStandard.isPresent()) {
            return new Rejected(txid, nonStandard.get());
        }
        ChainTip tip = chain.tip();
        long nextHeight = tip.height() + 1;
        if (!TxInputRules.isFinal(tx, nextHeight, tip.medianTimePast())) {
            return rejected(txid, RejectReason.POOL_NON_FINAL, "lock time " + tx.lockTime() + "; the next block has height "
                    + nextHeight + " and median time past " + tip.medianTimePast());
        }
        UtxoLookup chainCoins = chain.utxos();
        for (int i = 0; i < tx.outputs().size(); i++) {
            if (chainCoins.coin(new OutPoint(txid, i)).isPresent()) {
                return rejected(txid, RejectReason.POOL_ALREADY_CONFIRMED, "output " + i + " is unspent in the chain");
            }
        }
        for (int i = 0; i < tx.inputs().size(); i++) {
            OutPoint prevout = tx.input(i).prevout();
            PoolEntry spender = graph.spender(prevout);
            if (spender != null) {
                return rejected(txid, RejectReason.POOL_CONFLICT, "input " + i + " spends " + prevout
                        + ", which pool transaction " + spender.txid() + " already spends");
            }
        }
        Map<OutPoint, Coin> found = new HashMap<>();
        List<OutPoint> missing = new ArrayList<>();
        UtxoLookup view = view();
        for (TxIn in : tx.inputs()) {
            Optional<Coin> coin = view.coin(in.prevout());
            if (coin.isPresent()) {
                found.put(in.prevout(), coin.get());
            } else if (graph.get(in.prevout().txid()) == null) {
                missing.add(in.prevout());
            }
        }
        if (!missing.isEmpty()) {
            Optional<Rejected> spent = spentInChain(tx, missing);
            return spent.isPresent() ? spent.get() : new MissingInputs(txid, missing);
        }
        // an output index the in-pool parent does not have falls through to the consensus rule's reason
        Checked<SpentInputs> inputs = TxInputRules.check(tx, o -> Optional.ofNullable(found.get(o)), nextHeight, params);
        if (!inputs.isPassed()) {
            return new Rejected(txid, inputs.rejection());
        }
        SpentInputs spent = inputs.value();
        long fee = spent.fee().units();
        if (!fromBlock && fee < config.minRelayFee(tx.size())) {
            return rejected(txid, RejectReason.POOL_MIN_RELAY_FEE, "fee " + fee + " units for " + tx.size()
                    + " bytes; the minimum is " + config.minRelayFee(tx.size()) + " units (" + config.minRelayFeeRate()
                    + " per byte)");
        }
        Set<PoolEntry> parents = graph.parentsOf(tx);
        Set<PoolEntry> ancestors = PoolGraph.ancestorsOf(parents);
        Optional<Rejection> tooLong = checkChainLimits(ancestors);
        if (tooLong.isPresent()) {
            return new Rejected(txid, tooLong.get());
        }
        for (int i = 0; i < tx.inputs().size(); i++) {
            Optional<Rejection> script = TxInputRules.verifyScript(tx, i, spent.coins().get(i), engine);
            if (script.isPresent()) {
                return new Rejected(txid, script.get());
            }
        }
        List<PoolEntry> evicted = fromBlock ? List.of() : planEviction(tx.size(), fee, ancestors);
        if (evicted == null) {
            return rejected(txid, RejectReason.POOL_FULL, "the pool holds " + graph.bytes() + " of " + config.maxBytes()
                    + " bytes and this transaction's " + fee + " units for " + tx.size()
                    + " bytes pay no more per byte than what it would displace");
        }
        synchronized (lock) {
            graph.remove(evicted);
            graph.add(new MempoolEntry(tx, Amount.ofUnits(fee), clock.instant()), parents, ancestors);
            snapshotStale = true;
        }
        if (!evicted.isEmpty()) {
            LOG.debug("{} evicted {} transactions ({} bytes) to make room", txid, evicted.size(),
                    evicted.stream().mapToLong(PoolEntry::size).sum());
            List<PoolRemoval> removals = new ArrayList<>();
            for (PoolEntry e : evicted) {
                removals.add(new PoolRemoval(e.txid(), RemovalReason.EVICTED, Optional.empty(), "the pool was full and "
                        + txid + " pays more per byte than it and its descendants (" + e.scoreFee() + " units for "
                        + e.scoreSize() + " bytes)"));
            }
            report(removals);
        }
        return new Accepted(txid, Amount.ofUnits(fee), List.of());
    }

    /**
     * A refusal when a coin {@code tx} lacks is known not to be coming: its transaction is in the
     * best chain (the txid index) while the output is not among the unspent ones, so the chain
     * spent it (or it never existed). Such a transaction can never enter, so it is not kept as an
     * orphan; one whose parent is unknown may still be waiting for that parent.
     */
    private Optional<Rejected> spentInChain(Transaction tx, List<OutPoint> missing) {
        for (OutPoint o : missing) {
            Optional<ConfirmedTransaction> parent = chain.transaction(o.txid());
            if (parent.isEmpty()) {
                continue;
            }
            Optional<ConfirmedTransaction> itself = chain.transaction(tx.txid());
            if (itself.isPresent()) {
                // its own block spent the coins, and something else its outputs
                return Optional.of(rejected(tx.txid(), RejectReason.POOL_ALREADY_CONFIRMED, "in block "
                        + itself.get().blockHash() + " at height " + itself.get().height()));
            }
            int input = indexOfInput(tx, o);
            ConfirmedTransaction p = parent.get();
            if (o.index() >= p.tx().outputs().size()) {
                return Optional.of(rejected(tx.txid(), RejectReason.TX_MISSING_INPUTS, "input " + input + " spends " + o
                        + ", but transaction " + o.txid() + " (at height " + p.height() + ") has "
                        + p.tx().outputs().size() + " outputs"));
            }
            return Optional.of(rejected(tx.txid(), RejectReason.POOL_INPUTS_SPENT, "input " + input + " spends " + o
                    + ", an output of transaction " + o.txid() + " confirmed at height " + p.height()
                    + ", which the best chain has already spent"));
        }
        return Optional.empty();
    }

    private static int indexOfInput(Transaction tx, OutPoint prevout) {
        for (int i = 0; i < tx.inputs().size(); i++) {
            if (tx.input(i).prevout().equals(prevout)) {
                return i;
            }
        }
        return -1;
    }

    private Optional<Rejection> checkChainLimits(Set<PoolEntry> ancestors) {
        if (ancestors.size() + 1 > config.maxAncestors()) {
            return Optional.of(new Rejection(RejectReason.POOL_TOO_LONG_CHAIN, ancestors.size()
                    + " unconfirmed ancestors; the limit is " + (config.maxAncestors() - 1)));
        }
        for (PoolEntry a : ancestors) {
            if (a.descendantCount + 1 > config.maxDescendants()) {
                return Optional.of(new Rejection(RejectReason.POOL_TOO_LONG_CHAIN, "ancestor " + a.txid() + " would have "
                        + (a.descendantCount + 1) + " descendants counting itself; the limit is " + config.maxDescendants()));
            }
        }
        return Optional.empty();
    }

    /**
     * What to evict so that a newcomer of {@code size} bytes paying {@code fee} fits: the lowest
     * scores first, each with its descendants, never the newcomer's own ancestors; null when that
     * would evict something paying at least as much per byte as the newcomer, or not free enough.
     */
    private List<PoolEntry> planEviction(int size, long fee, Set<PoolEntry> ancestors) {
        long excess = graph.bytes() + size - config.maxBytes();
        if (excess <= 0) {
            return List.of();
        }
        Set<PoolEntry> chosen = new LinkedHashSet<>();
        long freed = 0;
        for (PoolEntry e : graph.evictionOrder()) {
            if (chosen.contains(e) || ancestors.contains(e)) {
                continue;
            }
            if (FeeRates.compare(e.scoreFee(), e.scoreSize(), fee, size) >= 0) {
                return null;
            }
            for (PoolEntry d : PoolGraph.withDescendants(e)) {
                if (chosen.add(d)) {
                    freed += d.size();
                }
            }
            if (freed >= excess) {
                return List.copyOf(chosen);
            }
        }
        return null;
    }

    /**
     * Drops entries (with their descendants) older than the configured expiry, and orphans older
     * than theirs. The node calls it periodically. Returns how many pool entries were dropped.
     */
    public int expire() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.expiry());
        Set<PoolEntry> doomed = new LinkedHashSet<>();
        List<PoolRemoval> removals = new ArrayList<>();
        for (PoolEntry e : inArrivalOrder(graph.entries())) {
            if (e.info.time().isBefore(cutoff) && !doomed.contains(e)) {
                doom(e, RemovalReason.EXPIRED, Optional.empty(), "entered the pool at " + e.info.time()
                        + ", more than " + config.expiry() + " ago", doomed, removals);
            }
        }
        removeEntries(doomed);
        report(removals);
        int orphansDropped = orphans.expire(now.minus(config.orphanExpiry()));
        if (!doomed.isEmpty() || orphansDropped > 0) {
            LOG.debug("expired {} pool transactions and {} orphans", doomed.size(), orphansDropped);
        }
        return doomed.size();
    }

    /**
     * Removes what the block confirmed (their descendants stay: they now spend confirmed coins)
     * and what conflicts with its spends (with descendants), then lets in orphans that waited for
     * the block's transactions.
     */
    @Override
    public void blockConnected(Block block, long height) {
        Set<PoolEntry> confirmed = new LinkedHashSet<>();
        // each outpoint the block spends, and the block transaction that spends it
        Map<OutPoint, Hash> spent = new LinkedHashMap<>();
        List<Hash> blockTxids = new ArrayList<>();
        for (Transaction tx : block.transactions()) {
            blockTxids.add(tx.txid());
            orphans.remove(tx.txid());
            reorgDrops.confirmed(tx.txid());
            if (tx.isCoinbase()) {
                continue;
            }
            PoolEntry e = graph.get(tx.txid());
            if (e != null) {
                confirmed.add(e);
            }
            for (TxIn in : tx.inputs()) {
                spent.put(in.prevout(), tx.txid());
            }
        }
        List<PoolRemoval> removals = new ArrayList<>();
        Set<PoolEntry> conflicting = new LinkedHashSet<>();
        synchronized (lock) {
            graph.remove(confirmed);
            for (Map.Entry<OutPoint, Hash> o : spent.entrySet()) {
                PoolEntry s = graph.spender(o.getKey());
                if (s != null && !conflicting.contains(s)) {
                    doom(s, RemovalReason.CONFLICT, Optional.of(o.getValue()), withOrigin(s.txid(), "spends "
                            + o.getKey() + ", which block transaction " + o.getValue() + " spends"), conflicting, removals);
                }
            }
            graph.remove(conflicting);
            snapshotStale = true;
        }
        int conflicts = conflicting.size();
        report(removals);
        spent.forEach(reorgDrops::spentBy);
        orphans.removeSpending(spent.keySet());
        if (revalidationPending) {
            revalidationPending = false;
            removeInvalidForChain();
        }
        List<Hash> promoted = promoteOrphansOf(blockTxids);
        LOG.debug("block {} at height {}: {} pool transactions confirmed, {} conflicting removed, {} orphans admitted",
                block.hash(), height, confirmed.size(), conflicts, promoted.size());
    }

    /**
     * Gives the block's transactions back to the pool, in block order. The chain has already
     * moved: during a reorganisation its coins are the new branch's, so transactions the new
     * branch also has fail as already confirmed, and children whose parents come back with an
     * earlier block wait as orphans until then. Entries that the new chain invalidates are
     * removed after the next connect, when the reorganisation is complete.
     */
    @Override
    public void blockDisconnected(Block block, long height) {
        revalidationPending = true;
        reorgInFlight = true;
        int readmitted = 0;
        for (Transaction tx : block.transactions()) {
            if (tx.isCoinbase()) {
                continue;
            }
            offChainBlocks.put(tx.txid(), "block " + height + " (" + block.hash() + ")");
            AcceptOutcome o = acceptAndPromote(tx, true, true);
            if (o instanceof Accepted) {
                readmitted++;
            } else if (o instanceof Rejected r) {
                noteReorgFailure(tx, r);
            }
        }
        trimToSize();
        LOG.debug("block {} at height {} disconnected: {} of its {} transactions back in the pool", block.hash(), height,
                readmitted, block.transactions().size() - 1);
    }

    /** Removes entries that no longer fit the chain: spends of missing or immature coins, lock times not reached. */
    private void removeInvalidForChain() {
        ChainTip tip = chain.tip();
        long nextHeight = tip.height() + 1;
        UtxoLookup coins = chain.utxos();
        Set<PoolEntry> doomed = new LinkedHashSet<>();
        for (PoolEntry e : inArrivalOrder(graph.entries())) {
            if (doomed.contains(e)) {
                continue;
            }
            Optional<Misfit> misfit = misfit(e.tx(), nextHeight, tip.medianTimePast(), coins);
            if (misfit.isPresent()) {
                // a coin that a dropped transaction of a disconnected block made shares that one's fate
                Hash cause = misfit.get().coin() != null && reorgDrops.contains(misfit.get().coin().txid())
                        ? misfit.get().coin().txid() : null;
                for (PoolEntry d : PoolGraph.withDescendants(e)) {
                    if (doomed.add(d)) {
                        reorgDrops.add(d.tx(), origin(d.txid()), d == e ? misfit.get().detail() : "descends from "
                                + e.txid() + ", which " + misfit.get().detail(), d == e ? cause : e.txid());
                    }
                }
            }
        }
        removeEntries(doomed);
        if (!doomed.isEmpty()) {
            LOG.debug("{} pool transactions no longer fit the chain after a reorganisation", doomed.size());
        }
    }

    /** Why a pool entry no longer fits the chain; {@code coin} the input's outpoint when a coin is at fault, else null. */
    private record Misfit(String detail, OutPoint coin) {}

    private Optional<Misfit> misfit(Transaction tx, long nextHeight, long medianTimePast, UtxoLookup coins) {
        if (!TxInputRules.isFinal(tx, nextHeight, medianTimePast)) {
            return Optional.of(new Misfit("has lock time " + tx.lockTime() + ", not reached by the next block (height "
                    + nextHeight + ", median time past " + medianTimePast + ")", null));
        }
        for (TxIn in : tx.inputs()) {
            if (graph.get(in.prevout().txid()) != null) {
                continue;
            }
            Optional<Coin> coin = coins.coin(in.prevout());
            if (coin.isEmpty()) {
                return Optional.of(new Misfit("spends " + in.prevout() + ", which the new chain does not have unspent",
                        in.prevout()));
            }
            if (coin.get().coinbase() && nextHeight - coin.get().height() < params.coinbaseMaturity()) {
                return Optional.of(new Misfit("spends coinbase output " + in.prevout() + " of height "
                        + coin.get().height() + ", not mature at height " + nextHeight, in.prevout()));
            }
        }
        return Optional.empty();
    }

    /** A transaction of a disconnected block that the pool refused: lost, unless a block of the new branch has it. */
    private void noteReorgFailure(Transaction tx, Rejected r) {
        if (r.rejection().reason() != RejectReason.POOL_ALREADY_CONFIRMED) {
            String origin = origin(tx.txid());
            reorgDrops.add(tx, origin, (origin.isEmpty() ? "could not come back from a disconnected block: "
                    : "could not come back to the pool: ") + r.rejection().message(), null);
        }
    }

    /**
     * The reorganisation (or the block that ran it) is complete: reports what it dropped, and
     * drops the orphans that waited for those (their parent is not coming), reporting those that
     * came from disconnected blocks (a peer's orphan was never in the pool).
     */
    @Override
    public void blockProcessed(BlockOutcome outcome, Duration took) {
        reorgInFlight = false;
        reportReorgDrops();
        offChainBlocks.clear();
    }

    /** {@code detail} of a removal, after the block the transaction was in when a reorganisation took that off. */
    private String withOrigin(Hash txid, String detail) {
        return origin(txid) + detail;
    }

    /** "was in block 16 (...), which the reorganisation took off, and " or "" (a payment that was waiting in the pool). */
    private String origin(Hash txid) {
        String block = offChainBlocks.get(txid);
        return block == null ? "" : "was in " + block + ", which the reorganisation took off, and ";
    }

    private void reportReorgDrops() {
        List<PoolRemoval> removals = reorgDrops.drain();
        Deque<PoolRemoval> todo = new ArrayDeque<>(removals);
        while (!todo.isEmpty()) {
            PoolRemoval parent = todo.poll();
            for (OrphanPool.Orphan o : orphans.takeChildrenOf(parent.txid())) {
                if (o.fromBlock()) {
                    PoolRemoval child = new PoolRemoval(o.tx().txid(), parent.reason(), parent.conflictingTxid(),
                            "spends an output of " + parent.txid() + ", dropped too");
                    removals.add(child);
                    todo.add(child);
                }
            }
        }
        removals.addAll(stranded());
        report(removals);
    }

    /**
     * The transactions of disconnected blocks still waiting for a parent once every disconnected
     * block gave its transactions back: the new chain does not have that parent, nor will the pool
     * get it. Typically a payment from the coinbase of an abandoned block (no coinbase comes back
     * to the pool), and payments from that one. They used to wait unreported until the orphans
     * expired (lecturer tester: such a payment vanished from a reorganisation without a trace).
     */
    private List<PoolRemoval> stranded() {
        List<OrphanPool.Orphan> stranded = orphans.takeFromBlocks();
        Set<Hash> ids = new LinkedHashSet<>();
        stranded.forEach(o -> ids.add(o.tx().txid()));
        List<PoolRemoval> out = new ArrayList<>();
        for (OrphanPool.Orphan o : stranded) {
            Optional<Hash> droppedParent = o.tx().inputs().stream().map(in -> in.prevout().txid())
                    .filter(ids::contains).findFirst();
            String origin = origin(o.tx().txid());
            String detail = droppedParent.map(p -> "spends an output of " + p + ", dropped too").orElseGet(() ->
                    (origin.isEmpty() ? "could not come back from a disconnected block: it " : "")
                            + "spends " + o.tx().inputs().stream()
                            .map(TxIn::prevout).filter(prevout -> o.waitingFor().contains(prevout.txid())).findFirst()
                            .map(String::valueOf).orElse("an output") + ", which the new chain does not have (an "
                            + "output only the abandoned branch had, such as its block reward)");
            out.add(new PoolRemoval(o.tx().txid(), RemovalReason.REORG_INVALID, Optional.empty(), origin + detail));
        }
        return out;
    }

    private void trimToSize() {
        Set<PoolEntry> doomed = new LinkedHashSet<>();
        List<PoolRemoval> removals = new ArrayList<>();
        long bytes = graph.bytes();
        for (PoolEntry e : graph.evictionOrder()) {
            if (bytes <= config.maxBytes()) {
                break;
            }
            if (!doomed.contains(e)) {
                bytes -= doom(e, RemovalReason.EVICTED, Optional.empty(), "pays the least per byte with its descendants ("
                        + e.scoreFee() + " units for " + e.scoreSize() + " bytes) while the pool is over its "
                        + config.maxBytes() + " bytes", doomed, removals);
            }
        }
        removeEntries(doomed);
        report(removals);
    }

    private void removeEntries(Collection<PoolEntry> doomed) {
        if (doomed.isEmpty()) {
            return;
        }
        synchronized (lock) {
            graph.remove(doomed);
            snapshotStale = true;
        }
    }

    private static List<PoolEntry> inArrivalOrder(Collection<PoolEntry> entries) {
        List<PoolEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(e -> e.sequence));
        return sorted;
    }

    // ---- reads, from any thread ----

    public boolean contains(Hash txid) {
        return graph.get(txid) != null;
    }

    public Optional<MempoolEntry> get(Hash txid) {
        PoolEntry e = graph.get(txid);
        return e == null ? Optional.empty() : Optional.of(e.info);
    }

    /** The pool transaction that spends {@code outpoint}, if any. */
    public Optional<Hash> spenderOf(OutPoint outpoint) {
        PoolEntry e = graph.spender(outpoint);
        return e == null ? Optional.empty() : Optional.of(e.txid());
    }

    /**
     * Every entry, one consistent snapshot: in arrival order, except that a parent always comes
     * before its children (a parent given back by a disconnected block arrives after the children
     * that stayed), so the list can be relayed or mined in this order.
     */
    public List<MempoolEntry> entries() {
        synchronized (lock) {
            if (snapshotStale) {
                snapshot = parentsFirst(inArrivalOrder(graph.entries()));
                snapshotStale = false;
            }
            return snapshot;
        }
    }

    private static List<MempoolEntry> parentsFirst(List<PoolEntry> byArrival) {
        Set<PoolEntry> emitted = new HashSet<>();
        List<MempoolEntry> out = new ArrayList<>(byArrival.size());
        Deque<PoolEntry> stack = new ArrayDeque<>();
        for (PoolEntry e : byArrival) {
            stack.push(e);
            while (!stack.isEmpty()) {
                PoolEntry top = stack.peek();
                PoolEntry waiting = null;
                for (PoolEntry p : top.parents) {
                    if (!emitted.contains(p)) {
                        waiting = p;
                        break;
                    }
                }
                if (waiting != null) {
                    stack.push(waiting);
                } else {
                    stack.pop();
                    if (emitted.add(top)) {
                        out.add(top.info);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The graph's entries with their links and sums, for this package's invariant checks. */
    Collection<PoolEntry> graphEntries() {
        return graph.entries();
    }

    /** Number of transactions in the pool. */
    public int size() {
        return graph.size();
    }

    /** Serialized bytes of the pool's transactions. */
    public long bytes() {
        return graph.bytes();
    }

    /** Transactions waiting for a missing parent (loop thread: the orphan pool is not shared). */
    public int orphanCount() {
        return orphans.size();
    }

    /**
     * The chain tip's coins as the pool changes them: outputs of pool transactions added (at
     * {@link Coin#MEMPOOL_HEIGHT}), outputs that pool transactions spend removed. For the
     * wallet's unconfirmed balance and for spending unconfirmed change.
     */
    public UtxoLookup view() {
        return outpoint -> {
            if (graph.spender(outpoint) != null) {
                return Optional.empty();
            }
            PoolEntry parent = graph.get(outpoint.txid());
            if (parent != null) {
                List<TxOut> outs = parent.tx().outputs();
                return outpoint.index() < outs.size()
                        ? Optional.of(new Coin(outs.get((int) outpoint.index()), Coin.MEMPOOL_HEIGHT, false))
                        : Optional.empty();
            }
            return chain.utxos().coin(outpoint);
        };
    }

    private static Rejected rejected(Hash txid, RejectReason reason, String detail) {
        return new Rejected(txid, new Rejection(reason, detail));
    }
}
