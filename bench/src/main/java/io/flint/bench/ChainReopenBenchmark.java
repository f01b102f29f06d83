package io.flint.bench;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainState;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.store.RocksKeyValueStore;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Benchmark (3) of issue 3: the time to reopen a RocksDB data directory of 10,000 DEMO blocks
 * (each with a few transactions): opening the store, loading the header index and the best chain.
 * The directory is generated once and kept (bench/target/chain-10k, marked complete by a file);
 * delete it to generate again. Arguments: {@code --blocks N} (default 10000), {@code --runs N}
 * (default 5), {@code --dir DIR}.
 */
public final class ChainReopenBenchmark {
    private ChainReopenBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = BenchmarkMains.intArg(args, "--blocks", 10000);
        int runs = BenchmarkMains.intArg(args, "--runs", 5);
        Path dir = Path.of(BenchmarkMains.arg(args, "--dir", "bench/target/chain-" + count));
        NetworkParams params = NetworkParams.DEMO;
        Path marker = dir.resolve("generated-complete");
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            if (!Files.exists(marker)) {
                generate(dir, params, count, pool);
                Files.writeString(marker, count + " blocks\n");
            }
            double[] millis = new double[runs];
            long height = 0;
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                try (RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("chain"))) {
                    ChainState chain = ChainBenchmarkSupport.open(store, params, pool);
                    height = chain.height();
                    millis[r] = (System.nanoTime() - start) / 1e6;
                }
            }
            double first = millis[0];
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "reopen of %s: %d blocks, %d runs (first %.0f ms, includes loading RocksDB)%n",
                    dir, height, runs, first);
            System.out.println();
            System.out.println("| benchmark | result | unit | reference (same run) | ratio |");
            System.out.println("|---|---:|---|---|---:|");
            System.out.printf(Locale.ROOT, "| reopen a %,d-block RocksDB data dir (median of %d) | %.0f | ms | best %.0f ms, worst %.0f ms | |%n",
                    height, runs, millis[runs / 2], millis[0], millis[runs - 1]);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A DEMO chain on schedule (so the difficulty stays put), each block spending earlier rewards. */
    private static void generate(Path dir, NetworkParams params, int count, ExecutorService pool) {
        BenchmarkMains.deleteRecursively(dir);
        System.err.printf("generating %d blocks in %s (once) ...%n", count, dir);
        TestChainBuilder builder = new TestChainBuilder(params, ChainBenchmarkSupport.engine());
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("chain"))) {
            ChainState chain = ChainBenchmarkSupport.open(store, params, pool);
            List<Block> blocks = new ArrayList<>();
            Block tip = builder.genesis();
            for (int h = 1; h <= count; h++) {
                TestChainBuilder.BlockBuilder b = builder.nextBlock(tip);
                if (h > params.coinbaseMaturity()) {
                    // a matured reward split in two, and the first half of a split made 5 blocks ago
                    Block old = blocks.get(h - 1 - params.coinbaseMaturity());
                    Transaction split = builder.tx().spending(builder.coinbaseOf(old))
                            .paying(TestChainBuilder.key(2 + h % 50), Amount.ofUnits(old.transactions().get(0).output(0).value() / 2 - 1000))
                            .paying(TestChainBuilder.key(3 + h % 50), Amount.ofUnits(old.transactions().get(0).output(0).value() / 2 - 1000))
                            .sign();
                    b.add(split);
                    if (h > params.coinbaseMaturity() + 5) {
                        Transaction earlier = blocks.get(h - 6).transactions().get(1);
                        int k = 2 + (h - 5) % 50;
                        b.add(builder.tx().spending(TestChainBuilder.output(earlier, 0, TestChainBuilder.key(k)))
                                .paying(TestChainBuilder.key(4 + h % 50), Amount.ofUnits(earlier.output(0).value() - 1000))
                                .sign());
                    }
                }
                tip = b.mine();
                blocks.add(tip);
                BlockOutcome o = chain.submitBlock(tip);
                if (!(o instanceof BlockOutcome.Connected)) {
                    throw new IllegalStateException("generated block " + h + " did not connect: " + o);
                }
                if (h % 1000 == 0) {
                    System.err.printf("  %d blocks%n", h);
                }
            }
        }
    }
}
