package io.flint.chain;

import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.chain.store.RocksKeyValueStore;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.core.consensus.Coin;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1Engines;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The child process of {@link ChainCrashIT}: opens a RocksDB chain in {@code args[0]} and keeps
 * connecting blocks that spend and split the miner's coins, with a competing branch now and then
 * so reorganisations are written too, and stored runs connected at once as when catching up,
 * until it is killed. Prints "ready HEIGHT" once open.
 */
public final class CrashingChainWriter {
    private CrashingChainWriter() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
        NetworkParams params = NetworkParams.REGTEST;
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NetworkParams.GENESIS_TIME).plus(Duration.ofDays(365)),
                ZoneOffset.UTC);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        RocksKeyValueStore store = RocksKeyValueStore.open(dir);
        ChainState chain = ChainState.open(store, params, clock, pool, Secp256k1Engines.best());
        TestChainBuilder builder = new TestChainBuilder(params);
        for (long h = 1; h <= chain.height(); h++) {
            builder.register(chain.blockAt(h).orElseThrow());
        }
        PrivateKey miner = builder.minerKey();
        byte[] minerHash = miner.publicKey().hash160();
        System.out.println("ready " + chain.height());
        System.out.flush();
        while (true) {
            Block tip = chain.blockAt(chain.height()).orElseThrow();
            long next = tip.height() + 1;
            TestChainBuilder.BlockBuilder b = builder.nextBlock(tip);
            int spends = 0;
            for (AddressUtxo u : chain.addressUtxos(minerHash)) {
                Coin c = u.coin();
                if (spends == 4 || (c.coinbase() && next - c.height() < params.coinbaseMaturity())) {
                    continue;
                }
                long half = (c.output().value() - 1000) / 2;
                if (half <= 1000) {
                    continue;
                }
                b.add(builder.tx().spending(new Spendable(u.outPoint(), c.output(), miner))
                        .paying(miner, Amount.ofUnits(half)).paying(miner, Amount.ofUnits(half)).sign());
                spends++;
            }
            Block block = b.mine();
            check(chain.submitBlock(block));
            if (random.nextInt(5) == 0) {
                // a stored run, as when catching up: headers, then the blocks last to first, so
                // the first one connects them all, written block by block
                List<Block> run = builder.extend(block, 3);
                chain.submitHeaders(run.stream().map(Block::header).toList());
                for (int i = run.size() - 1; i >= 0; i--) {
                    check(chain.submitBlock(run.get(i)));
                }
            } else if (random.nextInt(7) == 0 && tip.height() > 0) {
                // a branch from the tip's parent, one block longer: the node reorganises
                Block parent = chain.blockAt(tip.height() - 1).orElseThrow();
                List<Block> branch = builder.extend(parent, 3);
                for (Block x : branch) {
                    check(chain.submitBlock(x));
                }
            }
        }
    }

    private static void check(BlockOutcome o) {
        if (o instanceof BlockOutcome.Rejected r) {
            throw new IllegalStateException("a generated block was rejected: " + r.rejection().message());
        }
    }
}
