package io.flint.mining;

import io.flint.chain.ChainListener;
import io.flint.chain.ChainView;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.CompactTarget;
import io.flint.core.Hash;
import io.flint.core.ProofOfWork;
import io.flint.core.script.Script;
import io.flint.crypto.DoubleSha256NonceScanner;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proof-of-work miner. {@code threads} workers share one template and each scans its own
 * slice of the nonce range through the SHA-256 midstate loop ({@link DoubleSha256NonceScanner}:
 * the header's first 64 bytes are hashed once, each nonce costs two compressions of the 20-byte
 * tail). A worker that exhausts its slice rolls the timestamp forward (only the tail changes, the
 * midstate stays) or, when the time may not move further, takes a fresh extra nonce (a new
 * coinbase, Merkle root and midstate). Work is abandoned between chunks of nonces when the tip
 * changes (the generation counter this listener bumps), when the template is due for a refresh
 * (to take in new pool transactions), or when another worker solved it. A solved block goes to
 * the {@code Consumer<Block>} (the node posts it to its event loop, which submits it to the chain).
 *
 * <p>Threads come from the injected {@link ThreadFactory}, started when there is work ({@link
 * #start()} or {@link #mineOne}) and ending when there is none. Register the miner as a {@link
 * ChainListener} of the chain so that it reacts to a new tip at once; it also compares the tip
 * between chunks, so a missed registration costs speed, not correctness.
 */
public final class Miner implements ChainListener {
    private static final Logger LOG = LoggerFactory.getLogger(Miner.class);
    private static final int TAIL_LENGTH = BlockHeader.SIZE - DoubleSha256NonceScanner.PREFIX_LENGTH;
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Duration TIP_POLL = Duration.ofMillis(100);
    private static final Duration CLOCK_WARNING_REPEAT = Duration.ofMinutes(10);
    /** What {@code obtainJob} answers while continuous mining waits for its pace. */
    private static final Job PACED = new Job(-1, null, null, Instant.MIN);

    /** A {@link #mineOne} call waiting for its block. */
    private record Request(Script payout, CompletableFuture<Block> result) {}

    /** The template being mined, the generation it was made in and the request it serves (null: continuous mining). */
    private static final class Job {
        final long generation;
        final BlockTemplate template;
        final Request request;
        final Instant created;
        final AtomicBoolean solved = new AtomicBoolean();
        /** Solved, but the tip did not move within solvedWait: the block was not taken, mine again. */
        volatile boolean waitedOut;

        Job(long generation, BlockTemplate template, Request request, Instant created) {
            this.generation = generation;
            this.template = template;
            this.request = request;
            this.created = created;
        }

        Hash prevHash() {
            return template.header().prevHash();
        }
    }

    private final BlockTemplateFactory templates;
    private final ChainView chain;
    private final MinerConfig config;
    private final Clock clock;
    private final ThreadFactory threadFactory;
    private final Consumer<Block> solvedBlocks;
    private final Script payout;
    private final HashRateMeter meter;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong extraNonces;
    private final AtomicLong blocksFound = new AtomicLong();
    private final AtomicLong timeRolls = new AtomicLong();
    private final AtomicLong extraNonceRolls = new AtomicLong();
    /** Continuous mining starts no template before this instant of the clock (the last block found plus the interval). */
    private volatile Instant pacedUntil = Instant.MIN;
    /** Continuous mining starts no template before this instant either: the chain's time is ahead of the clock. */
    private volatile Instant clockBehindUntil = Instant.MIN;
    /** Why continuous mining waits for the clock (the chain's time ahead of it), or null. */
    private volatile String pausedFor;
    /** When a pause for a chain time ahead of the clock was last logged as a warning (null: never). */
    private final AtomicReference<Instant> clockWarnedAt = new AtomicReference<>();

    /** Guards the demand (continuous flag, requests), the current job and the worker slots; also the wait monitor. */
    private final Object lock = new Object();
    private boolean continuous;
    private final Deque<Request> requests = new ArrayDeque<>();
    private final Thread[] workers;
    private Job job;

    /**
     * @param payout where continuous mining pays (P2PKH of {@code --miner-address} or of the
     *     node wallet's address; the node decides)
     * @param threadFactory makes the worker threads
     * @param solvedBlocks receives every solved block, on the worker thread that solved it
     */
    public Miner(BlockTemplateFactory templates, ChainView chain, MinerConfig config, Clock clock,
                 ThreadFactory threadFactory, Script payout, Consumer<Block> solvedBlocks) {
        this(templates, chain, config, clock, threadFactory, payout, solvedBlocks, 0);
    }

    /**
     * As above, the extra nonces counting up from {@code firstExtraNonce}. A node starts them at a
     * random value: two freshly started nodes mining the same height to the same address, with
     * the same transactions, otherwise made byte-identical coinbases (the same txid on two
     * branches), so a block reward of the branch a reorganisation abandoned survived it (a
     * lecturer's fork lab). Bitcoin miners differ by their extra nonce and tags alike.
     */
    public Miner(BlockTemplateFactory templates, ChainView chain, MinerConfig config, Clock clock,
                 ThreadFactory threadFactory, Script payout, Consumer<Block> solvedBlocks, long firstExtraNonce) {
        this.extraNonces = new AtomicLong(firstExtraNonce);
        this.templates = templates;
        this.chain = chain;
        this.config = config;
        this.clock = clock;
        this.threadFactory = threadFactory;
        this.payout = payout;
        this.solvedBlocks = solvedBlocks;
        this.meter = new HashRateMeter(clock);
        this.workers = new Thread[config.threads()];
    }

    /** Mines continuously to the configured payout until {@link #stop()}. */
    public void start() {
        synchronized (lock) {
            continuous = true;
            workChanged();
            ensureWorkers();
        }
    }

    /**
     * Stops continuous mining, cancels pending {@link #mineOne} requests and waits (briefly) for
     * the workers to finish their current chunk.
     */
    public void stop() {
        List<Thread> running = new ArrayList<>();
        List<Request> cancelled;
        synchronized (lock) {
            continuous = false;
            cancelled = new ArrayList<>(requests);
            requests.clear();
            for (Thread t : workers) {
                if (t != null) {
                    running.add(t);
                }
            }
            workChanged();
        }
        cancelled.forEach(r -> r.result().cancel(false));
        for (Thread t : running) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Mines one block paying to {@code payoutScript} now (for {@code POST /mine}): the workers
     * switch to it (starting if idle) and the future completes with the block once it is handed to
     * the consumer. Cancelling the future withdraws the request.
     */
    public CompletableFuture<Block> mineOne(Script payoutScript) {
        CompletableFuture<Block> result = new CompletableFuture<>();
        Request request = new Request(payoutScript, result);
        synchronized (lock) {
            requests.add(request);
            workChanged();
            ensureWorkers();
        }
        result.whenComplete((block, failure) -> {
            if (result.isCancelled()) {
                synchronized (lock) {
                    if (requests.remove(request)) {
                        workChanged();
                    }
                }
            }
        });
        return result;
    }

    public MinerConfig config() {
        return config;
    }

    /** True while continuous mining is on or a {@link #mineOne} request is pending. */
    public boolean isMining() {
        synchronized (lock) {
            return hasDemand();
        }
    }

    /**
     * Why continuous mining is paused for the clock, if it is: the next block's earliest valid
     * timestamp is beyond the limit on future block times (see {@code clockBehind}).
     */
    public Optional<String> pausedFor() {
        return isMining() ? Optional.ofNullable(pausedFor) : Optional.empty();
    }

    /** The template the workers are on (before each worker's own time and extra-nonce rolls), if any. */
    public Optional<BlockTemplate> currentTemplate() {
        synchronized (lock) {
            return job == null ? Optional.empty() : Optional.of(job.template);
        }
    }

    /** Hashes per second over the interval since the previous call (see {@link HashRateMeter}). */
    public double hashRate() {
        return meter.rate();
    }

    public long totalHashes() {
        return meter.total();
    }

    public long blocksFound() {
        return blocksFound.get();
    }

    /** How often a worker exhausted its nonce slice and rolled the timestamp. */
    public long timeRolls() {
        return timeRolls.get();
    }

    /** How often a worker exhausted its nonce slice and took a fresh extra nonce. */
    public long extraNonceRolls() {
        return extraNonceRolls.get();
    }

    @Override
    public void blockConnected(Block block, long height) {
        workChanged();
    }

    @Override
    public void blockDisconnected(Block block, long height) {
        workChanged();
    }

    /** Bumps the generation (stale work stops at its next chunk) and wakes waiting workers. */
    private void workChanged() {
        generation.incrementAndGet();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private boolean hasDemand() {
        return continuous || !requests.isEmpty();
    }

    private void ensureWorkers() {
        for (int i = 0; i < workers.length; i++) {
            if (workers[i] == null) {
                int index = i;
                Thread t = threadFactory.newThread(() -> work(index));
                workers[i] = t;
                t.start();
            }
        }
    }

    // ---- worker side ----

    private void work(int index) {
        Scanning scanning = new Scanning(index);
        try {
            while (true) {
                Job j;
                try {
                    j = obtainJob(index);
                } catch (RuntimeException e) {
                    LOG.warn("could not build a block template: {}", e.toString());
                    awaitChange(generation.get(), RETRY_AFTER_FAILURE);
                    continue;
                }
                if (j == null) {
                    return;
                }
                if (j == PACED) {
                    awaitPace();
                    continue;
                }
                if (j.solved.get()) {
                    if (!awaitTipMovedFrom(j.prevHash(), config.solvedWait())) {
                        j.waitedOut = true;
                    }
                    continue;
                }
                scanning.scan(j);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("miner worker {} failed", index, e);
        } finally {
            synchronized (lock) {
                if (workers[index] == Thread.currentThread()) {
                    workers[index] = null;
                }
            }
        }
    }

    /**
     * The job to work on: the current one while it is fresh, a solved one while the chain has not
     * yet moved past it (the worker then waits), otherwise a new template. Null when there is
     * nothing to mine; the worker then ends.
     */
    private Job obtainJob(int index) {
        Job current;
        Request request;
        long gen;
        synchronized (lock) {
            if (!hasDemand()) {
                if (workers[index] == Thread.currentThread()) {
                    workers[index] = null;
                }
                return null;
            }
            current = job;
            boolean onTip = current != null && chain.tip().hash().equals(current.prevHash());
            if (current != null && current.solved.get() && !current.waitedOut && onTip) {
                return current;
            }
            if (current != null && !current.solved.get() && current.generation == generation.get() && onTip
                    && !refreshDue(current)) {
                return current;
            }
            request = requests.peekFirst();
            gen = generation.get();
            if (request == null && clock.instant().isBefore(resumeAt())) {
                return PACED;
            }
        }
        // built outside the lock: it reads the pool and the chain, and the loop thread's listener call needs the lock
        BlockTemplate template = templates.create(request != null ? request.payout() : payout, nextExtraNonce());
        long tooEarly = secondsBeforeValid(template.header().timestamp());
        if (tooEarly > 0) {
            return clockBehind(template, request, tooEarly);
        }
        pausedFor = null;
        synchronized (lock) {
            if (job == current) {
                job = new Job(gen, template, request, clock.instant());
            }
            return job;
        }
    }

    /**
     * How many seconds the clock must still advance before a block's timestamp (a template's: the median
     * time past plus one at least) is within the limit on future block times; 0 if it already is.
     * Blocks found faster than one every few seconds push the median time past ahead of the clock
     * (regtest with {@code --mine-interval 0}), and a clock set back leaves the chain ahead of it:
     * a block mined then would be rejected as too new by this node and every peer.
     */
    private long secondsBeforeValid(long timestamp) {
        long latest = clock.instant().getEpochSecond() + chain.params().maxFutureBlockTime().getSeconds();
        return Math.max(0, timestamp - latest);
    }

    /**
     * No work on a block that could not be valid yet: continuous mining pauses until the clock
     * allows its timestamp (a warning at most every ten minutes); a {@link #mineOne} request fails at once with
     * the reason, so {@code POST /mine} answers instead of hashing invalid blocks until its timeout.
     */
    private Job clockBehind(BlockTemplate template, Request request, long tooEarly) {
        String why = "the next block's earliest valid timestamp " + Instant.ofEpochSecond(template.header().timestamp())
                + " (median time past + 1) is more than " + chain.params().maxFutureBlockTime().toHours()
                + " h ahead of this node's clock; a block can be mined in " + tooEarly + " s";
        if (request != null) {
            synchronized (lock) {
                requests.remove(request);
                workChanged();
            }
            request.result().completeExceptionally(new ClockBehindChainException(why));
            return PACED;
        }
        // a chain kept at the limit pauses every second: one WARN per episode, and again after a while
        Instant now = clock.instant();
        Instant last = clockWarnedAt.get();
        if ((last == null || !now.isBefore(last.plus(CLOCK_WARNING_REPEAT))) && clockWarnedAt.compareAndSet(last, now)) {
            LOG.warn("mining held back: {} (blocks came faster than the median-time rule lets the chain's time "
                    + "advance, or the clock was set back); from now on a block is mined whenever the clock allows one, "
                    + "a few a second at most", why);
        } else {
            LOG.debug("mining held back: {}", why);
        }
        pausedFor = why;
        clockBehindUntil = clock.instant().plusSeconds(tooEarly);
        return PACED;
    }

    private boolean refreshDue(Job j) {
        return !clock.instant().isBefore(j.created.plus(config.templateRefresh()));
    }

    private boolean isStale(Job j) {
        return j.generation != generation.get() || j.solved.get() || refreshDue(j)
                || j.request != null && j.request.result().isDone()
                || !chain.tip().hash().equals(j.prevHash());
    }

    /**
     * When continuous mining may start its next template: after the pace's pause and any pause for
     * a chain time ahead of the clock. A pace pause longer than the interval means the clock was
     * set back since the last block: it is cut to the interval, not served in full (hours).
     */
    private Instant resumeAt() {
        Instant latestPace = clock.instant().plus(config.continuousInterval());
        if (pacedUntil.isAfter(latestPace)) {
            pacedUntil = latestPace;
        }
        return pacedUntil.isAfter(clockBehindUntil) ? pacedUntil : clockBehindUntil;
    }

    /**
     * Waits until continuous mining's pace allows a new template or the demand changes (a {@link
     * #mineOne} request wakes it at once). The pause is read from the injected clock and checked
     * again at least every {@link #TIP_POLL}, so a clock that jumps ends it too.
     */
    private void awaitPace() {
        Instant now = clock.instant();
        Instant resume = resumeAt();
        if (now.isBefore(resume)) {
            Duration left = Duration.between(now, resume);
            awaitChange(generation.get(), left.compareTo(TIP_POLL) < 0 ? left : TIP_POLL);
        }
    }

    /** Waits until the generation moves past {@code seen} or {@code timeout} passes; true if it moved. */
    private boolean awaitChange(long seen, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (generation.get() == seen && hasDemand()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return true;
        }
    }

    /**
     * Waits while the tip is still {@code prev}, that is until the loop has connected the block
     * just solved; false if {@code timeout} passed first. The listener's notification ends the
     * wait at once; the periodic look at the tip covers a miner that is not registered.
     */
    private boolean awaitTipMovedFrom(Hash prev, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (hasDemand() && chain.tip().hash().equals(prev)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, Math.min(TIP_POLL.toMillis(), left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return true;
        }
    }

    private byte[] nextExtraNonce() {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(extraNonces.getAndIncrement())
                .array();
    }

    /** The next header variant once a slice is exhausted: a later timestamp if allowed, else a fresh extra nonce. */
    private BlockTemplate roll(BlockTemplate t) {
        long now = clock.instant().getEpochSecond();
        Duration maxRoll = config.maxTimeRoll().compareTo(chain.params().maxFutureBlockTime()) < 0
                ? config.maxTimeRoll() : chain.params().maxFutureBlockTime();
        long next = Math.max(t.header().timestamp() + 1, now);
        if (next <= now + maxRoll.getSeconds() && next <= 0xffff_ffffL) {
            timeRolls.incrementAndGet();
            return t.withTimestamp(next);
        }
        extraNonceRolls.incrementAndGet();
        return t.withExtraNonce(nextExtraNonce());
    }

    private void solved(Job j, Block block) {
        if (!ProofOfWork.check(block.header(), chain.params().powLimit())) {
            // the scanner and the header serialization disagree: a bug, never a block to announce
            LOG.error("nonce {} of block {} does not meet its target; discarded", block.header().nonce(), block.hash());
            return;
        }
        if (secondsBeforeValid(block.header().timestamp()) > 0) {
            // a template made before the clock was set back: the block is too new now, for us and
            // every peer; a new template meets the clock check instead
            LOG.debug("block {} solved, but its time is now too far ahead of the clock; discarded", block.hash());
            workChanged();
            return;
        }
        if (!j.solved.compareAndSet(false, true)) {
            return;
        }
        if (j.request != null) {
            // withdrawn before the block is handed over: once the loop connects it, no worker may
            // start a new template for a request this block already answers. Two jobs may serve
            // one request (a template refreshed while a worker still scanned the old one): only
            // the first solution answers it; a second would be a rival block at the same height,
            // and could answer the request while the first is the one the chain keeps
            synchronized (lock) {
                if (!requests.remove(j.request)) {
                    LOG.debug("block {} solves a request already answered (or cancelled); not handed over",
                            block.hash());
                    return;
                }
                workChanged();
            }
        }
        blocksFound.incrementAndGet();
        pacedUntil = clock.instant().plus(config.continuousInterval());
        // DEBUG: the node's "block N connected ..., mined here" line says it once (a regtest miner
        // logged two lines a block, burying the network's lines)
        LOG.debug("mined block {} at height {} with {} transactions", block.hash(), block.height(),
                block.transactions().size());
        try {
            solvedBlocks.accept(block);
        } catch (RuntimeException e) {
            LOG.warn("the solved block {} could not be handed over: {}", block.hash(), e.toString());
        }
        if (j.request != null) {
            j.request.result().complete(block);
        }
    }

    private static byte[] target32(long bits) {
        BigInteger target = CompactTarget.toTarget(bits);
        byte[] raw = target.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    /** One worker's scanning state: its nonce slice and a scanner kept while the header prefix stays the same. */
    private final class Scanning {
        private final long low;
        private final long high;
        private DoubleSha256NonceScanner scanner;
        private byte[] scannerPrefix;

        Scanning(int index) {
            long range = config.nonceRange();
            this.low = index * range / workers.length;
            this.high = (index + 1) * range / workers.length;
        }

        void scan(Job j) {
            BlockTemplate t = j.template;
            byte[] target = target32(t.header().bits());
            while (true) {
                byte[] header = t.header().serialize();
                byte[] prefix = Arrays.copyOf(header, DoubleSha256NonceScanner.PREFIX_LENGTH);
                byte[] tail = Arrays.copyOfRange(header, DoubleSha256NonceScanner.PREFIX_LENGTH, BlockHeader.SIZE);
                if (scanner == null || !Arrays.equals(prefix, scannerPrefix)) {
                    scanner = DoubleSha256NonceScanner.create(prefix, TAIL_LENGTH);
                    scannerPrefix = prefix;
                }
                for (long start = low; start < high; ) {
                    if (isStale(j)) {
                        return;
                    }
                    long count = Math.min(config.chunkSize(), high - start);
                    OptionalLong found = scanner.scan(tail, start, count, target);
                    if (found.isPresent()) {
                        meter.add(found.getAsLong() - start + 1);
                        solved(j, t.block(found.getAsLong()));
                        return;
                    }
                    meter.add(count);
                    start += count;
                }
                t = roll(t);
            }
        }
    }
}
