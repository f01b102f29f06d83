package io.flint.chain;

import io.flint.chain.store.AddressIndexKeys;
import io.flint.chain.store.CoinCodec;
import io.flint.chain.store.Column;
import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.MetaKeys;
import io.flint.chain.store.StoreBatch;
import io.flint.chain.store.StoreException;
import io.flint.chain.store.StoredHeader;
import io.flint.chain.store.UndoCodec;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.DecodeException;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.RejectReason;
import io.flint.core.Rejection;
import io.flint.core.Transaction;
import io.flint.core.consensus.BlockInputRules;
import io.flint.core.consensus.BlockRules;
import io.flint.core.consensus.BlockSpends;
import io.flint.core.consensus.Checked;
import io.flint.core.consensus.Coin;
import io.flint.core.consensus.Difficulty;
import io.flint.core.consensus.HeaderHistory;
import io.flint.core.consensus.HeaderRules;
import io.flint.core.consensus.MedianTimePast;
import io.flint.core.consensus.UtxoLookup;
import io.flint.crypto.Secp256k1;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's chain: header tree with cumulative work, the best chain and its UTXO set and address
 * index, block validation, reorganisation with undo data, orphan blocks, all over a
 * {@link KeyValueStore}.
 *
 * <p>Threads: {@link #submitBlock} and {@link #submitHeaders} run on the caller's thread (the
 * node's event loop) and must not be called concurrently; only the script checks of a block go
 * to the injected executor. Every read ({@link #tip()}, {@link #utxos()}, block, header and
 * address lookups) is safe from any thread.
 *
 * <p>Atomicity: each connected block, or a whole reorganisation, is one {@link StoreBatch} holding
 * the UTXO, undo, address-index and tip changes, so after a crash the store holds the state after
 * some block, never a mix. (A run of blocks extending the tip, as when catching up, is written
 * block by block, each batch while the next block's script checks run.) Listeners hear of a
 * change after its batches are written: disconnects (old tip first), then connects (lowest first).
 */
public final class ChainState implements ChainView {
    private static final Logger LOG = LoggerFactory.getLogger(ChainState.class);
    /** Most block hashes {@link HeadersOutcome.Accepted#missingBlocks()} lists. */
    public static final int MAX_MISSING_LISTED = 500;
    private static final int MAX_REMEMBERED_INVALID = 10_000;
    /** Most blocks connected in one batch when catching up (a reorganisation's disconnects are not counted). */
    static final int MAX_BLOCKS_PER_SWITCH = 100;
    /** Rows per batch when an older store's txid index is built on open. */
    private static final int TX_INDEX_STEP = 10_000;

    private final KeyValueStore store;
    private final NetworkParams params;
    private final Clock clock;
    private final ScriptVerifier scripts;
    private final OrphanBlocks orphans;
    private final HeaderTree tree = new HeaderTree();
    private final ActiveChain active = new ActiveChain();
    /** What the start-up check of the latest blocks found wrong (null: nothing); read by API threads. */
    private volatile String recentBlocksDamage;
    private final List<ChainListener> listeners = new CopyOnWriteArrayList<>();
    /** Invalid blocks that never made it into the tree (unknown parent, bad header in context). */
    private final Map<Hash, Rejection> invalid = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Rejection> eldest) {
            return size() > MAX_REMEMBERED_INVALID;
        }
    };
    /**
     * The block being submitted, so connecting it does not read it back from the store; it is
     * written with its connect batch when it connects at once, else on its own.
     */
    private Block submitting;
    private boolean submittingStored;
    private volatile ChainTip tip;

    private ChainState(KeyValueStore store, NetworkParams params, Clock clock, Executor scriptExecutor,
            Secp256k1 engine, ChainOptions options) {
        this.store = store;
        this.params = params;
        this.clock = clock;
        this.scripts = new ScriptVerifier(scriptExecutor, engine, options.scriptChunkSize());
        this.orphans = new OrphanBlocks(options.maxOrphans(), options.maxOrphanBytes(), options.orphanExpiry());
    }

    /**
     * Opens the chain in {@code store}: writes the genesis block into an empty store, otherwise
     * loads the header index and the best chain, and activates a better stored chain if the
     * index knows one (a crash between storing a block and connecting it).
     *
     * @param scriptExecutor where a block's script checks run (a pool sized to the cores)
     * @throws StoreException if the store belongs to another network or another format version
     */
    public static ChainState open(KeyValueStore store, NetworkParams params, Clock clock, Executor scriptExecutor,
            Secp256k1 engine, ChainOptions options) {
        ChainState chain = new ChainState(store, params, clock, scriptExecutor, engine, options);
        chain.load();
        return chain;
    }

    /** {@link #open(KeyValueStore, NetworkParams, Clock, Executor, Secp256k1, ChainOptions)} with default options. */
    public static ChainState open(KeyValueStore store, NetworkParams params, Clock clock, Executor scriptExecutor,
            Secp256k1 engine) {
        return open(store, params, clock, scriptExecutor, engine, ChainOptions.DEFAULT);
    }

    // ---------------------------------------------------------------- loading

    private void load() {
        byte[] version = store.get(Column.META, MetaKeys.version());
        if (version == null) {
            initializeGenesis();
            return;
        }
        if (version.length != 1 || version[0] != MetaKeys.FORMAT_VERSION) {
            throw new StoreException("the chain store " + store.location() + " has format version "
                    + (version.length == 1 ? version[0] : "?") + "; this flint reads version " + MetaKeys.FORMAT_VERSION);
        }
        List<Map.Entry<Hash, StoredHeader>> entries = new ArrayList<>();
        store.scan(Column.HEADERS, new byte[0], (k, v) -> entries.add(Map.entry(Hash.of(k), decodeHeader(k, v))));
        entries.sort(Comparator.comparingLong(e -> e.getValue().header().height()));
        for (Map.Entry<Hash, StoredHeader> e : entries) {
            BlockHeader header = e.getValue().header();
            HeaderNode parent = tree.get(header.prevHash());
            if (parent == null) {
                if (!e.getKey().equals(params.genesisHash())) {
                    Optional<NetworkParams> other = NetworkParams.byGenesis(e.getKey());
                    throw new StoreException(other.isPresent()
                            ? "the chain store " + store.location() + " holds the " + other.get().name() + " chain, not "
                                    + params.name() + " (give --network " + other.get().name() + " or FLINT_NETWORK="
                                    + other.get().name() + ", or another data directory)"
                            : "the chain store " + store.location() + " holds header " + e.getKey()
                                    + " whose parent is missing, or belongs to another network than " + params.name());
                }
            }
            HeaderNode node = tree.add(e.getKey(), header, parent, e.getValue().status());
            if (node.hasData() && !node.failed() && (parent == null || parent.chainHasData())) {
                tree.restoreConnectable(node);
            }
        }
        byte[] tipHash = store.get(Column.META, MetaKeys.tip());
        HeaderNode tipNode = tipHash == null ? null : tree.get(Hash.of(tipHash));
        if (tipNode == null) {
            throw new StoreException("the chain store " + store.location() + " has no usable tip");
        }
        active.setTip(tipNode);
        tree.pruneCandidatesBelow(tipNode);
        publishTip();
        if (store.get(Column.META, MetaKeys.txIndex()) == null) {
            buildTxIndex();
        }
        Activation a = activateBestChain();
        LOG.info("chain opened at height {} ({}), {} headers{}", tip.height(), tip.hash(), tree.size(),
                a.connected().isEmpty() ? "" : ", connected " + a.connected().size() + " stored blocks");
    }

    /**
     * A store written before the TX column existed: index the best chain's transactions once, in
     * steps; the marker goes with the last step, so a crash meanwhile just starts over.
     */
    private void buildTxIndex() {
        long height = active.tip().height();
        StoreBatch batch = new StoreBatch();
        for (long h = 0; h <= height; h++) {
            TxIndex.connect(loadBlock(active.at(h)), batch);
            if (batch.size() >= TX_INDEX_STEP) {
                store.write(batch);
                batch = new StoreBatch();
            }
        }
        batch.put(Column.META, MetaKeys.txIndex(), new byte[] {1});
        store.write(batch);
        LOG.info("indexed the transactions of {} blocks by txid", height + 1);
    }

    private StoredHeader decodeHeader(byte[] key, byte[] value) {
        try {
            return StoredHeader.decode(value);
        } catch (DecodeException | IllegalArgumentException e) {
            throw new StoreException("corrupt header entry " + Hash.of(key) + " in " + store.location() + ": "
                    + e.getMessage(), e);
        }
    }

    private void initializeGenesis() {
        Block genesis = params.genesis();
        HeaderNode node = tree.add(genesis.hash(), genesis.header(), null, StoredHeader.HAVE_DATA);
        CoinsOverlay coins = new CoinsOverlay(store);
        StoreBatch batch = new StoreBatch()
                .put(Column.BLOCKS, genesis.hash().toBytes(), genesis.serialize())
                .put(Column.HEADERS, genesis.hash().toBytes(), node.toStored().encode());
        applyConnect(genesis, coins, batch);
        coins.writeTo(batch);
        batch.put(Column.META, MetaKeys.tip(), genesis.hash().toBytes());
        batch.put(Column.META, MetaKeys.version(), new byte[] {MetaKeys.FORMAT_VERSION});
        batch.put(Column.META, MetaKeys.txIndex(), new byte[] {1});
        store.write(batch);
        tree.restoreConnectable(node);
        active.setTip(node);
        publishTip();
        LOG.info("chain store {} initialised with the {} genesis block {}", store.location(), params.name(),
                genesis.hash());
    }

    // ---------------------------------------------------------------- blocks

    /**
     * Validates and stores a block, and makes its branch the best chain if it has the most work.
     * Blocks whose parent is unknown wait among the orphans; when a block is stored, its waiting
     * orphans are submitted too (their outcomes show in the tip and the listeners).
     */
    public BlockOutcome submitBlock(Block block) {
        BlockOutcome outcome = acceptTimed(block);
        if (outcome.isStored()) {
            submitOrphansOf(block.hash());
        }
        return outcome;
    }

    private BlockOutcome acceptTimed(Block block) {
        Instant start = clock.instant();
        BlockOutcome outcome = accept(block);
        Duration took = Duration.between(start, clock.instant());
        for (ChainListener l : listeners) {
            try {
                l.blockProcessed(outcome, took);
            } catch (RuntimeException e) {
                LOG.error("chain listener {} failed on the outcome of {}", l, block.hash(), e);
            }
        }
        return outcome;
    }

    private void submitOrphansOf(Hash parent) {
        // a queue, not recursion: a long run of orphans must not overflow the stack
        Deque<Hash> parents = new ArrayDeque<>();
        parents.add(parent);
        while (!parents.isEmpty()) {
            for (Block child : orphans.takeChildren(parents.poll())) {
                BlockOutcome o = acceptTimed(child);
                LOG.debug("orphan {}: {}", child.hash(), o);
                if (o.isStored()) {
                    parents.add(child.hash());
                }
            }
        }
    }

    private BlockOutcome accept(Block block) {
        Hash hash = block.hash();
        BlockHeader header = block.header();
        HeaderNode known = tree.get(hash);
        if (known != null && known.failed()) {
            return new BlockOutcome.Rejected(hash, knownInvalid(known.failure()));
        }
        if (invalid.containsKey(hash)) {
            return new BlockOutcome.Rejected(hash, knownInvalid(invalid.get(hash)));
        }
        if ((known != null && known.hasData()) || orphans.contains(hash)) {
            return new BlockOutcome.Duplicate(hash);
        }
        Optional<Rejection> bad = HeaderRules.checkProofOfWork(header, params);
        if (bad.isPresent()) {
            return new BlockOutcome.Rejected(hash, bad.get());
        }
        bad = BlockRules.checkBlock(block, params);
        if (bad.isPresent()) {
            RejectReason reason = bad.get().reason();
            // a wrong or mutated Merkle root means these transactions are not the ones the header
            // commits to: the header may still be fine, so it is not remembered as invalid
            if (reason != RejectReason.BAD_MERKLE_ROOT && reason != RejectReason.DUPLICATE_TXIDS) {
                rememberInvalid(hash, known, bad.get());
            }
            return new BlockOutcome.Rejected(hash, bad.get());
        }
        HeaderNode parent = tree.get(header.prevHash());
        if (parent == null) {
            if (invalid.containsKey(header.prevHash())) {
                Rejection r = new Rejection(RejectReason.BAD_PREVBLK, "parent " + header.prevHash());
                rememberInvalid(hash, null, r);
                return new BlockOutcome.Rejected(hash, r);
            }
            orphans.expire(clock.instant());
            orphans.add(block, clock.instant());
            return new BlockOutcome.Orphan(hash, header.prevHash());
        }
        if (parent.failed()) {
            Rejection r = new Rejection(RejectReason.BAD_PREVBLK, "parent " + parent.hash);
            rememberInvalid(hash, known, r);
            return new BlockOutcome.Rejected(hash, r);
        }
        if (known == null) {
            bad = checkHeaderInContext(header, parent);
            if (bad.isPresent()) {
                // too new may become fine as time passes: not remembered
                if (bad.get().reason() != RejectReason.TIME_TOO_NEW) {
                    rememberInvalid(hash, null, bad.get());
                }
                return new BlockOutcome.Rejected(hash, bad.get());
            }
        }
        bad = BlockRules.checkContextual(block, medianTimePast(parent));
        if (bad.isPresent()) {
            rememberInvalid(hash, known, bad.get());
            return new BlockOutcome.Rejected(hash, bad.get());
        }
        HeaderNode node = known != null ? known : tree.add(hash, header, parent, 0);
        tree.dataStored(node);
        submitting = block;
        submittingStored = false;
        Activation a;
        try {
            a = activateBestChain();
        } finally {
            if (!submittingStored) {
                // on a side branch, or its branch failed: stored on its own
                store.write(addBlockData(new StoreBatch(), node, block));
            }
            submitting = null;
        }
        if (node.failed()) {
            return new BlockOutcome.Rejected(hash, node.failure() != null ? node.failure()
                    : new Rejection(RejectReason.BAD_PREVBLK, "an ancestor failed to connect"));
        }
        if (a.connected().isEmpty()) {
            return new BlockOutcome.SideBranch(hash, !node.chainHasData());
        }
        if (a.disconnected().isEmpty()) {
            return new BlockOutcome.Connected(hash, a.connected(), tip);
        }
        return new BlockOutcome.Reorganized(hash, a.disconnected(), a.connected(), tip);
    }

    private static StoreBatch addBlockData(StoreBatch batch, HeaderNode node, Block block) {
        return batch.put(Column.BLOCKS, node.hash.toBytes(), block.serialize())
                .put(Column.HEADERS, node.hash.toBytes(), node.toStored().encode());
    }

    private static List<OutPoint> prevouts(Block block) {
        List<OutPoint> out = new ArrayList<>();
        for (var tx : block.transactions()) {
            if (!tx.isCoinbase()) {
                for (var in : tx.inputs()) {
                    out.add(in.prevout());
                }
            }
        }
        return out;
    }

    private static Rejection knownInvalid(Rejection original) {
        return new Rejection(RejectReason.KNOWN_INVALID, original == null ? "" : original.message());
    }

    private Optional<Rejection> checkHeaderInContext(BlockHeader header, HeaderNode parent) {
        return HeaderRules.checkContextual(header, parent.header, history(parent), params,
                clock.instant().getEpochSecond());
    }

    private void rememberInvalid(Hash hash, HeaderNode node, Rejection why) {
        if (node != null) {
            markInvalid(node, why);
        } else {
            invalid.put(hash, why);
        }
    }

    private void markInvalid(HeaderNode node, Rejection why) {
        LOG.info("block {} at height {} is invalid: {}", node.hash, node.height(), why.message());
        StoreBatch batch = new StoreBatch();
        for (HeaderNode n : tree.markFailed(node, why)) {
            batch.put(Column.HEADERS, n.hash.toBytes(), n.toStored().encode());
        }
        store.write(batch);
    }

    // ---------------------------------------------------------------- best chain

    private record Activation(List<Block> disconnected, List<Block> connected) {}

    /** Switches to the stored branch with the most work, skipping branches that turn out invalid. */
    private Activation activateBestChain() {
        List<Block> disconnected = new ArrayList<>();
        List<Block> connected = new ArrayList<>();
        while (true) {
            HeaderNode best = tree.bestCandidate();
            HeaderNode current = active.tip();
            if (best == null || best.chainWork.compareTo(current.chainWork) <= 0) {
                break;
            }
            switchTo(stepTowards(current, best)).ifPresent(s -> {
                disconnected.addAll(s.disconnected());
                connected.addAll(s.connected());
            });
        }
        tree.pruneCandidatesBelow(active.tip());
        return new Activation(disconnected, connected);
    }

    /**
     * The block to switch to on the way to {@code best}: {@code best} itself, or when that is
     * more than {@link #MAX_BLOCKS_PER_SWITCH} blocks past the fork, an ancestor of it that is at
     * most that far (but never one without more work than the tip), so a long catch-up is
     * written in steps of bounded size, each a consistent state.
     */
    private static HeaderNode stepTowards(HeaderNode current, HeaderNode best) {
        long cap = fork(current, best).height() + MAX_BLOCKS_PER_SWITCH;
        HeaderNode n = best;
        while (n.height() > cap && n.parent.chainWork.compareTo(current.chainWork) > 0) {
            n = n.parent;
        }
        return n;
    }

    /**
     * Disconnects down to the fork and connects up to {@code target}. A reorganisation is written
     * as one batch if every block passes; otherwise the failing block is marked invalid and
     * nothing else is written (the old tip stays). A run of blocks that only extends the tip is
     * written block by block instead, each batch as soon as that block's checks pass, while the
     * next block's checks already run: the write no longer waits for the whole run, and each
     * batch is a state with more work than the old tip. A failing block then stops the run after
     * the blocks before it.
     *
     * @return what was written, or empty when nothing was
     */
    private Optional<Activation> switchTo(HeaderNode target) {
        HeaderNode oldTip = active.tip();
        HeaderNode fork = fork(oldTip, target);
        CoinsOverlay coins = new CoinsOverlay(store);
        StoreBatch batch = new StoreBatch();
        List<Block> disconnected = new ArrayList<>();
        for (HeaderNode n = oldTip; n != fork; n = n.parent) {
            Block block = loadBlock(n);
            List<Coin> undo = loadUndo(n);
            BlockApplier.disconnect(block, undo, coins);
            for (byte[] key : BlockApplier.historyRows(block, undo).keySet()) {
                batch.delete(Column.ADDRESS, key);
            }
            TxIndex.disconnect(block, batch);
            batch.delete(Column.UNDO, n.hash.toBytes());
            disconnected.add(block);
        }
        List<HeaderNode> path = new ArrayList<>();
        for (HeaderNode n = target; n != fork; n = n.parent) {
            path.add(n);
        }
        Collections.reverse(path);
        boolean blockByBlock = disconnected.isEmpty();
        List<Block> connected = new ArrayList<>();
        // script checks run on the pool while the caller goes on with the next block and the
        // batch; they are awaited in block order, so the first failing block is the one marked
        // invalid. `open` gathers the blocks not yet cut into a batch of their own; `cut` is the
        // previous block's batch (block by block), waiting for its checks before it is written.
        Step open = new Step(coins, batch);
        Step cut = null;
        for (HeaderNode n : path) {
            Block block = loadBlock(n);
            if (!submittingStored && submitting != null && submitting.hash().equals(n.hash)) {
                // the block being submitted is stored with its connect, in the same batch
                addBlockData(open.batch, n, block);
            }
            open.coins.prefetch(prevouts(block));
            Checked<BlockSpends> spends = BlockInputRules.check(block, open.coins, params);
            if (!spends.isPassed()) {
                if (!commit(cut, connected)) {
                    open.drain();
                } else if (open.scriptsPassed()) {
                    markInvalid(n, spends.rejection());
                }
                return activation(disconnected, connected);
            }
            open.add(n, block, scripts.start(spends.value().scriptChecks()));
            // each check holds the coin it needs, so changing the overlay meanwhile is safe
            applyConnect(block, open.coins, open.batch);
            if (blockByBlock) {
                open.close(n);
                if (!commit(cut, connected)) {
                    open.drain();
                    return activation(disconnected, connected);
                }
                open.coins.belowWritten();
                cut = open;
                open = new Step(open.coins.layerAbove(), new StoreBatch());
            }
        }
        if (!blockByBlock) {
            open.close(target);
            cut = open;
        }
        commit(cut, connected);
        return activation(disconnected, connected);
    }

    /**
     * Blocks whose changes go into one batch: their overlay, the batch, their running checks.
     * Closed, the batch also holds the overlay's net changes and the new tip.
     */
    private final class Step {
        final CoinsOverlay coins;
        final StoreBatch batch;
        final List<Map.Entry<HeaderNode, ScriptVerifier.Pending>> pending = new ArrayList<>();
        final List<Block> blocks = new ArrayList<>();
        HeaderNode tip;

        Step(CoinsOverlay coins, StoreBatch batch) {
            this.coins = coins;
            this.batch = batch;
        }

        void add(HeaderNode n, Block block, ScriptVerifier.Pending checks) {
            pending.add(Map.entry(n, checks));
            blocks.add(block);
        }

        void close(HeaderNode newTip) {
            coins.writeTo(batch);
            batch.put(Column.META, MetaKeys.tip(), newTip.hash.toBytes());
            tip = newTip;
        }

        boolean scriptsPassed() {
            return ChainState.this.scriptsPassed(pending);
        }

        /** Waits for the checks without judging them: an earlier block already failed. */
        void drain() {
            for (Map.Entry<HeaderNode, ScriptVerifier.Pending> p : pending) {
                p.getValue().await();
            }
        }
    }

    /**
     * Writes a closed step once its checks pass, and makes its last block the tip; marks the
     * first failing block invalid otherwise. True when written (or when there is no step).
     */
    private boolean commit(Step step, List<Block> connected) {
        if (step == null) {
            return true;
        }
        if (!step.scriptsPassed()) {
            return false;
        }
        store.write(step.batch);
        if (submitting != null && step.blocks.stream().anyMatch(b -> b.hash().equals(submitting.hash()))) {
            submittingStored = true;
        }
        active.setTip(step.tip);
        publishTip();
        connected.addAll(step.blocks);
        return true;
    }

    /** The outcome of a switch, once its writes are done: listeners told, or empty when nothing was written. */
    private Optional<Activation> activation(List<Block> disconnected, List<Block> connected) {
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        HeaderNode newTip = active.tip();
        if (!disconnected.isEmpty()) {
            LOG.info("reorganised: {} blocks off, {} on, fork at height {}, tip {} at height {}", disconnected.size(),
                    connected.size(), newTip.height() - connected.size(), newTip.hash, newTip.height());
        }
        notifyListeners(disconnected, connected);
        return Optional.of(new Activation(disconnected, connected));
    }

    /** Awaits the script checks in block order; marks the first failing block invalid. */
    private boolean scriptsPassed(List<Map.Entry<HeaderNode, ScriptVerifier.Pending>> pending) {
        boolean passed = true;
        for (Map.Entry<HeaderNode, ScriptVerifier.Pending> p : pending) {
            // awaited even after a failure, so no check is left running on the pool
            Optional<Rejection> bad = p.getValue().await();
            if (passed && bad.isPresent()) {
                markInvalid(p.getKey(), bad.get());
                passed = false;
            }
        }
        return passed;
    }

    private static void applyConnect(Block block, CoinsOverlay coins, StoreBatch batch) {
        List<Coin> undo = BlockApplier.connect(block, coins);
        batch.put(Column.UNDO, block.hash().toBytes(), UndoCodec.encode(undo));
        for (Map.Entry<byte[], Integer> row : BlockApplier.historyRows(block, undo).entrySet()) {
            batch.put(Column.ADDRESS, row.getKey(), new byte[] {row.getValue().byteValue()});
        }
        TxIndex.connect(block, batch);
    }

    private void notifyListeners(List<Block> disconnected, List<Block> connected) {
        tell(disconnected, "disconnect", (l, b) -> l.blockDisconnected(b, b.height()));
        tell(connected, "connect", (l, b) -> l.blockConnected(b, b.height()));
    }

    private void tell(List<Block> blocks, String what, BiConsumer<ChainListener, Block> call) {
        for (Block b : blocks) {
            for (ChainListener l : listeners) {
                try {
                    call.accept(l, b);
                } catch (RuntimeException e) {
                    // one faulty listener must not stop the others or the chain
                    LOG.error("chain listener {} failed on {} of {}", l, what, b.hash(), e);
                }
            }
        }
    }

    private static HeaderNode fork(HeaderNode a, HeaderNode b) {
        while (a != b) {
            if (a.height() >= b.height()) {
                a = a.parent;
            } else {
                b = b.parent;
            }
        }
        return a;
    }

    private Block loadBlock(HeaderNode n) {
        Block pending = submitting;
        if (pending != null && pending.hash().equals(n.hash)) {
            return pending;
        }
        return readBlock(n.hash).orElseThrow(() -> new StoreException(
                "block " + n.hash + " is marked stored but missing from " + store.location()));
    }

    private Optional<Block> readBlock(Hash hash) {
        byte[] bytes = store.get(Column.BLOCKS, hash.toBytes());
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Block.parse(bytes));
        } catch (DecodeException e) {
            throw new StoreException("corrupt block " + hash + " in " + store.location() + ": " + e.getMessage(), e);
        }
    }

    private List<Coin> loadUndo(HeaderNode n) {
        byte[] bytes = store.get(Column.UNDO, n.hash.toBytes());
        if (bytes == null) {
            throw new StoreException("undo data of connected block " + n.hash + " is missing from " + store.location());
        }
        return UndoCodec.decode(bytes);
    }

    private void publishTip() {
        HeaderNode t = active.tip();
        tip = new ChainTip(t.hash, t.header, t.chainWork, medianTimePast(t),
                Difficulty.nextBits(t.header, history(t), params));
    }

    private long medianTimePast(HeaderNode n) {
        return MedianTimePast.of(n.header, history(n), params.medianTimeSpan());
    }

    /** The branch ending at {@code n}, by height. */
    private HeaderHistory history(HeaderNode n) {
        return height -> ancestor(n, height).header;
    }

    private HeaderNode ancestor(HeaderNode node, long height) {
        HeaderNode n = node;
        while (n != null && n.height() > height) {
            if (active.contains(n)) {
                return active.at(height);
            }
            n = n.parent;
        }
        if (n == null || n.height() != height) {
            throw new IllegalArgumentException("no ancestor at height " + height + " of " + node);
        }
        return n;
    }

    // ---------------------------------------------------------------- headers

    /**
     * Headers-first sync: checks that the headers form a chain from a known header, and each
     * header's proof of work, bits and time; adds them to the header tree without their blocks.
     * The answer lists the blocks of the best header chain still missing.
     */
    public HeadersOutcome submitHeaders(List<BlockHeader> headers) {
        if (headers.isEmpty()) {
            return new HeadersOutcome.Accepted(0, missingBlocks(MAX_MISSING_LISTED));
        }
        for (int i = 1; i < headers.size(); i++) {
            if (!headers.get(i).prevHash().equals(headers.get(i - 1).hash())) {
                return new HeadersOutcome.Rejected(headers.get(i).hash(), new Rejection(
                        RejectReason.HEADERS_NOT_CONTINUOUS, "header " + i + " does not follow header " + (i - 1)), 0);
            }
        }
        HeaderNode parent = tree.get(headers.get(0).prevHash());
        if (parent == null) {
            return new HeadersOutcome.Unconnected(headers.get(0).prevHash());
        }
        StoreBatch batch = new StoreBatch();
        List<Hash> added = new ArrayList<>();
        HeadersOutcome.Rejected rejected = null;
        for (BlockHeader header : headers) {
            Hash hash = header.hash();
            HeaderNode known = tree.get(hash);
            Optional<Rejection> bad;
            if (known != null && known.failed() || invalid.containsKey(hash)) {
                bad = Optional.of(knownInvalid(known != null ? known.failure() : invalid.get(hash)));
            } else if (known != null) {
                parent = known;
                continue;
            } else if (parent.failed()) {
                bad = Optional.of(new Rejection(RejectReason.BAD_PREVBLK, "parent " + parent.hash));
            } else {
                bad = HeaderRules.checkProofOfWork(header, params).or(() -> checkHeaderInContext(header, tree.get(header.prevHash())));
            }
            if (bad.isPresent()) {
                rejected = new HeadersOutcome.Rejected(hash, bad.get(), added.size());
                break;
            }
            HeaderNode node = tree.add(hash, header, parent, 0);
            batch.put(Column.HEADERS, hash.toBytes(), node.toStored().encode());
            added.add(hash);
            parent = node;
        }
        store.write(batch);
        for (Hash h : added) {
            submitOrphansOf(h);
        }
        return rejected != null ? rejected : new HeadersOutcome.Accepted(added.size(), missingBlocks(MAX_MISSING_LISTED));
    }

    /**
     * The height up to which the branch ending at header {@code tip} and the best header chain
     * hold the same blocks (the tip's own height when it is on the best header chain); -1 when
     * {@code tip} is unknown.
     */
    public long sharedHeight(Hash tip) {
        return sharedHeight(tip, tree.bestHeader().hash);
    }

    /**
     * The height up to which the branches ending at headers {@code tip} and {@code branch} hold
     * the same blocks (the tip's own height when it lies on that branch); -1 when either is
     * unknown. Sync asks a peer only for blocks at or below this height of its tip: a peer on
     * another branch does not have them, whatever its height. Walks the two branches back to
     * where they meet, so it costs their difference in length.
     */
    public long sharedHeight(Hash tip, Hash branch) {
        HeaderNode a = tree.get(tip);
        HeaderNode b = tree.get(branch);
        if (a == null || b == null) {
            return -1;
        }
        while (a.height() > b.height()) {
            a = a.parent;
        }
        while (b.height() > a.height()) {
            b = b.parent;
        }
        while (a != b) {
            a = a.parent;
            b = b.parent;
        }
        return a.height();
    }

    /** The blocks of the best header chain that are not stored yet, lowest first, at most {@code max}. */
    public List<Hash> missingBlocks(int max) {
        return missingBlocks(tree.bestHeader().hash, max);
    }

    /**
     * The blocks of the branch ending at header {@code target} that are not stored yet, lowest
     * first, at most {@code max}; none when the target is unknown, invalid, or has no more work
     * than the best chain. Sync downloads toward the best branch a live peer can serve, which is
     * not always the best header: anyone may send headers with more work and no blocks behind
     * them, and a node chasing only those stalled for good.
     */
    public List<Hash> missingBlocks(Hash target, int max) {
        List<Hash> missing = new ArrayList<>();
        HeaderNode end = tree.get(target);
        if (end == null || end.failed() || end.chainWork.compareTo(active.tip().chainWork) <= 0) {
            // a branch with no more work than ours could not become the best chain (on a tie the
            // first seen stays): its blocks are not worth a download, and waiting for them (its
            // miner may have moved on) kept nodes at their own tip "syncing" for minutes
            return missing;
        }
        for (HeaderNode n = end; n != null && !n.chainHasData(); n = n.parent) {
            if (!n.hasData()) {
                missing.add(n.hash);
            }
        }
        Collections.reverse(missing);
        return missing.size() > max ? List.copyOf(missing.subList(0, max)) : missing;
    }

    // ---------------------------------------------------------------- reads

    /**
     * The first read the store failed since it opened (it is damaged), else what {@link
     * #checkRecentBlocks} found wrong, if anything; safe from any thread.
     */
    public Optional<String> storeReadFailure() {
        return store.readFailure().or(() -> Optional.ofNullable(recentBlocksDamage));
    }

    /**
     * Reads the last {@code count} blocks of the best chain and their undo data back, as Bitcoin
     * Core checks its last blocks at start ({@code -checkblocks}): a store damaged while the node
     * was stopped is then named at start, not at the first peer's request or reorganisation.
     * Reads only: a damaged store stays as it is for {@code flint chain verify} to examine.
     *
     * @return the first problem, from the tip down ("block 57 (hash) is missing from the store")
     */
    public Optional<String> checkRecentBlocks(int count) {
        long top = height();
        for (long h = top; h >= Math.max(0, top - count + 1); h--) {
            HeaderNode n = active.at(h);
            String problem;
            try {
                Optional<Block> block = readBlock(n.hash);
                problem = block.isEmpty() ? "is missing from the store"
                        : !block.get().hash().equals(n.hash) ? "holds another block under its hash" : null;
                if (problem == null && h > 0) {
                    loadUndo(n);
                }
            } catch (StoreException | DecodeException e) {
                problem = "cannot be read: " + e.getMessage();
            }
            if (problem != null) {
                recentBlocksDamage = "block " + h + " (" + n.hash + ") " + problem;
                return Optional.of(recentBlocksDamage);
            }
        }
        return Optional.empty();
    }

    @Override
    public NetworkParams params() {
        return params;
    }

    @Override
    public ChainTip tip() {
        return tip;
    }

    /** The best chain's height. */
    public long height() {
        return tip.height();
    }

    /** The stored UTXO set, always as of the published tip or a later one. */
    @Override
    public UtxoLookup utxos() {
        return this::coin;
    }

    public Optional<Coin> coin(OutPoint outPoint) {
        byte[] v = store.get(Column.UTXO, CoinCodec.key(outPoint));
        return v == null ? Optional.empty() : Optional.of(CoinCodec.decode(v));
    }

    @Override
    public void addListener(ChainListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ChainListener listener) {
        listeners.remove(listener);
    }

    /** A stored block by hash, on the best chain or not. */
    public Optional<Block> block(Hash hash) {
        return readBlock(hash);
    }

    /** The best chain's block at {@code height}. */
    public Optional<Block> blockAt(long height) {
        HeaderNode n = active.at(height);
        return n == null ? Optional.empty() : readBlock(n.hash);
    }

    public boolean hasBlock(Hash hash) {
        HeaderNode n = tree.get(hash);
        return n != null && n.hasData();
    }

    public Optional<HeaderInfo> headerInfo(Hash hash) {
        HeaderNode n = tree.get(hash);
        return n == null ? Optional.empty() : Optional.of(info(n));
    }

    /** The best chain's header at {@code height}. */
    public Optional<BlockHeader> headerAt(long height) {
        HeaderNode n = active.at(height);
        return n == null ? Optional.empty() : Optional.of(n.header);
    }

    /** Best-chain headers from {@code fromHeight} on, at most {@code max} (for GET_BLOCK_HEADERS). */
    public List<BlockHeader> headers(long fromHeight, int max) {
        List<BlockHeader> out = new ArrayList<>();
        for (HeaderNode n : active.range(fromHeight, max)) {
            out.add(n.header);
        }
        return out;
    }

    /** The best header known (its block may be missing): where headers-first sync is heading. */
    public HeaderInfo bestHeader() {
        return info(bestHeaderNode());
    }

    private HeaderNode bestHeaderNode() {
        HeaderNode best = tree.bestHeader();
        return best != null ? best : active.tip();
    }

    /**
     * The tips of the header tree ({@code getchaintips}): the best chain's tip and the last block
     * of every side branch, each with its distance from the best chain and what is known of its
     * blocks; the {@code max} highest, highest first, the best chain's tip always among them.
     * Safe from any thread.
     */
    public List<BranchTip> tips(int max) {
        // the tip before the leaves: a block connected in between is then a branch of one block
        // off the tip read, not a best-chain block listed as a fork
        HeaderNode reference = active.tip();
        return BranchTips.of(tree.leaves(), reference, max);
    }

    /**
     * {@link #tips} measured against the best header chain instead of the best chain: a light
     * node keeps headers only, so its best header chain is the chain it follows, and its tip is
     * the {@code active} one.
     */
    public List<BranchTip> headerTips(int max) {
        HeaderNode reference = bestHeaderNode();
        return BranchTips.of(tree.leaves(), reference, max);
    }

    /** The headers known to build on block {@code hash}, on any branch, their blocks stored or not; none when unknown. */
    public List<Hash> children(Hash hash) {
        HeaderNode n = tree.get(hash);
        return n == null ? List.of() : tree.childrenOf(n).stream().map(c -> c.hash).toList();
    }

    /** The orphan blocks waiting for their parent, oldest first. */
    public List<OrphanBlocks.Entry> orphans() {
        return orphans.list();
    }

    /** Drops orphans older than the expiry; the node calls it on its timer. Returns how many went. */
    public int expireOrphans() {
        return orphans.expire(clock.instant());
    }

    /**
     * A transaction of the best chain by txid, through the txid index (one index read and one
     * block read); empty when no best-chain block holds it.
     */
    public Optional<ConfirmedTransaction> transaction(Hash txid) {
        byte[] blockHash = store.get(Column.TX, txid.toBytes());
        if (blockHash == null) {
            return Optional.empty();
        }
        HeaderNode node = tree.get(Hash.of(blockHash));
        // a reorganisation may have replaced the row since it was read: only a best-chain block counts
        if (node == null || !active.contains(node)) {
            return Optional.empty();
        }
        Optional<Block> block = readBlock(node.hash);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        List<Transaction> txs = block.get().transactions();
        for (int i = 0; i < txs.size(); i++) {
            if (txs.get(i).txid().equals(txid)) {
                return Optional.of(new ConfirmedTransaction(txs.get(i), node.hash, node.height(), i));
            }
        }
        return Optional.empty();
    }

    /** Unspent outputs paying to {@code hash160} (P2PKH, or P2PK to a key with that hash). */
    public List<AddressUtxo> addressUtxos(byte[] hash160) {
        List<AddressUtxo> out = new ArrayList<>();
        store.scan(Column.ADDRESS, AddressIndexKeys.unspentPrefix(hash160), (k, v) ->
                out.add(new AddressUtxo(AddressIndexKeys.outPointOf(k), CoinCodec.decode(v))));
        return out;
    }

    /** The confirmed transactions touching {@code hash160}, newest first, at most {@code limit}. */
    public List<AddressHistoryEntry> addressHistory(byte[] hash160, int limit) {
        List<AddressHistoryEntry> all = new ArrayList<>();
        store.scan(Column.ADDRESS, AddressIndexKeys.historyPrefix(hash160), (k, v) ->
                all.add(AddressHistoryEntry.of(k, v)));
        Collections.reverse(all);
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    private HeaderInfo info(HeaderNode n) {
        return new HeaderInfo(n.hash, n.header, n.chainWork, n.hasData(), n.failed(), active.contains(n));
    }
}
