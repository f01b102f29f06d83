package io.flint.mempool;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainState;
import io.flint.chain.MutableClock;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real chain (ChainState over the in-memory store) with a pool listening to it, a test clock
 * and a block builder that signs real spends. The test thread plays the node's event loop: it
 * alone submits blocks and transactions.
 */
public final class PoolFixture {
    /** 30 days after genesis, so block timestamps one spacing apart stay in the past. */
    public static final Instant START = Instant.ofEpochSecond(NetworkParams.GENESIS_TIME).plus(Duration.ofDays(30));
    /** Pays 1 unit per byte with room to spare for a 1-input, 2-output P2PKH spend. */
    public static final Amount FEE = Amount.ofUnits(1_000);

    public final NetworkParams params;
    public final MutableClock clock = new MutableClock(START);
    public final Secp256k1 engine = Secp256k1Engines.best();
    public final TestChainBuilder builder;
    public final ChainState chain;
    public final Mempool pool;

    public PoolFixture(NetworkParams params, MempoolConfig config) {
        this.params = params;
        this.builder = new TestChainBuilder(params, engine);
        this.chain = ChainState.open(new MemoryKeyValueStore(), params, clock, Runnable::run, engine);
        this.pool = new Mempool(chain, config, clock, engine);
        chain.addListener(pool);
    }

    public PoolFixture(MempoolConfig config) {
        this(NetworkParams.REGTEST, config);
    }

    public PoolFixture() {
        this(MempoolConfig.DEFAULTS);
    }

    public Block tipBlock() {
        return chain.block(chain.tip().hash()).orElseThrow();
    }

    /** Submits a block; it must extend the best chain (directly or by a reorganisation). */
    public BlockOutcome submit(Block block) {
        BlockOutcome o = chain.submitBlock(block);
        if (!(o instanceof BlockOutcome.Connected) && !(o instanceof BlockOutcome.Reorganized)
                && !(o instanceof BlockOutcome.SideBranch)) {
            throw new AssertionError("block " + block.height() + " was not taken: " + o);
        }
        return o;
    }

    /** Mines {@code n} empty blocks on the tip. */
    public List<Block> mineEmpty(int n) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Block b = builder.nextBlock(tipBlock()).mine();
            submit(b);
            out.add(b);
        }
        return out;
    }

    /** {@code n} coinbase outputs of 50 coins to the builder's miner key, mature for the next block. */
    public List<Spendable> matureCoinbases(int n) {
        List<Block> rewarded = mineEmpty(n);
        mineEmpty(params.coinbaseMaturity());
        List<Spendable> out = new ArrayList<>();
        for (Block b : rewarded) {
            out.add(builder.coinbaseOf(b));
        }
        return out;
    }

    /**
     * {@code n} confirmed outputs of {@code units} each paying to {@code key}, split from matured
     * coinbases by one block of transactions.
     */
    public List<Spendable> confirmedCoins(int n, long units, PrivateKey key) {
        List<Spendable> coinbases = matureCoinbases(1 + (int) ((long) n * units / Amount.ofCoins(40).units()));
        TestChainBuilder.BlockBuilder block = builder.nextBlock(tipBlock());
        List<Transaction> splits = new ArrayList<>();
        int made = 0;
        for (Spendable cb : coinbases) {
            TestChainBuilder.TxBuilder tx = builder.tx().spending(cb);
            long left = cb.output().value() - FEE.units();
            int outputs = 0;
            while (made < n && left >= units && outputs < 2000) {
                tx.paying(key, Amount.ofUnits(units));
                left -= units;
                made++;
                outputs++;
            }
            if (outputs == 0) {
                continue;
            }
            if (left > 0) {
                tx.paying(builder.minerKey(), Amount.ofUnits(left));
            }
            Transaction signed = tx.sign();
            splits.add(signed);
            block.add(signed);
        }
        if (made < n) {
            throw new IllegalStateException("not enough coinbases for " + n + " outputs of " + units);
        }
        submit(block.mine());
        List<Spendable> out = new ArrayList<>();
        for (Transaction tx : splits) {
            for (int i = 0; i < tx.outputs().size() && out.size() < n; i++) {
                if (tx.output(i).value() == units && tx.output(i).scriptPubKey().equals(TestChainBuilder.p2pkh(key))) {
                    out.add(TestChainBuilder.output(tx, i, key));
                }
            }
        }
        return out;
    }

    /** A signed spend of {@code coin} paying its value minus {@code fee} to {@code to}. */
    public Transaction pay(Spendable coin, PrivateKey to, Amount fee) {
        return builder.tx().spending(coin).paying(to, Amount.ofUnits(coin.output().value() - fee.units())).sign();
    }

    public static PrivateKey key(int n) {
        return TestChainBuilder.key(n);
    }
}
