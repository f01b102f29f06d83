package io.flint.chain;

import io.flint.chain.store.KeyValueStore;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.crypto.Secp256k1Engines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A chain over a store with a test clock, a two-thread script pool, a block builder and a
 * listener that records what it hears. Tests build blocks with {@link #builder} and feed them to
 * {@link #chain}.
 */
final class ChainFixture implements AutoCloseable {
    /** 30 days after genesis: far enough for any test chain's timestamps. */
    static final Instant START = Instant.ofEpochSecond(NetworkParams.GENESIS_TIME).plus(Duration.ofDays(30));

    final NetworkParams params;
    final MutableClock clock = new MutableClock(START);
    final ExecutorService pool = Executors.newFixedThreadPool(2);
    final TestChainBuilder builder;
    final RecordingListener events = new RecordingListener();
    final ChainOptions options;
    KeyValueStore store;
    ChainState chain;

    ChainFixture(NetworkParams params, KeyValueStore store, ChainOptions options) {
        this.params = params;
        this.builder = new TestChainBuilder(params);
        this.store = store;
        this.options = options;
        open();
    }

    ChainFixture(NetworkParams params, KeyValueStore store) {
        this(params, store, ChainOptions.DEFAULT);
    }

    void open() {
        chain = ChainState.open(store, params, clock, pool, Secp256k1Engines.best(), options);
        chain.addListener(events);
    }

    Block tipBlock() {
        return chain.block(chain.tip().hash()).orElseThrow();
    }

    /** Builds {@code n} empty blocks on the tip and submits them; each must connect. */
    List<Block> mine(int n) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Block b = builder.nextBlock(tipBlock()).mine();
            BlockOutcome o = chain.submitBlock(b);
            if (!(o instanceof BlockOutcome.Connected)) {
                throw new AssertionError("block " + b.height() + " did not connect: " + o);
            }
            out.add(b);
        }
        return out;
    }

    List<BlockOutcome> submitAll(List<Block> blocks) {
        List<BlockOutcome> out = new ArrayList<>();
        for (Block b : blocks) {
            out.add(chain.submitBlock(b));
        }
        return out;
    }

    ChainVerifier.Report verify() {
        return ChainVerifier.verify(store, params);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        store.close();
    }

    /** Remembers connects and disconnects as "+height hash" / "-height hash". */
    static final class RecordingListener implements ChainListener {
        final List<String> log = new ArrayList<>();
        final List<Block> disconnected = new ArrayList<>();

        @Override
        public void blockConnected(Block block, long height) {
            log.add("+" + height + " " + block.hash());
        }

        @Override
        public void blockDisconnected(Block block, long height) {
            log.add("-" + height + " " + block.hash());
            disconnected.add(block);
        }

        static String connected(Block b) {
            return "+" + b.height() + " " + b.hash();
        }

        static String disconnectedEvent(Block b) {
            return "-" + b.height() + " " + b.hash();
        }
    }
}
