package io.flint.mempool;

import static io.flint.mempool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.BlockOutcome;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.ProofOfWork;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.crypto.PrivateKey;
import io.flint.mining.BlockTemplate;
import io.flint.mining.BlockTemplateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random mixes of payments (chained, conflicting, children before parents), mined blocks,
 * reorganisations and expiry against a small pool: after every step the pool's bookkeeping (bytes, spenders, links,
 * ancestor and descendant sums) matches what its transactions say, it stays within its bound,
 * and everything in it can be mined.
 */
class MempoolProperties {
    private static final PrivateKey ALICE = key(2);
    private static final int STEPS = 40;

    @Property(tries = 15)
    void thePoolStaysConsistentWhateverHappens(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MempoolConfig config = MempoolConfig.DEFAULTS.withMaxBytes(1_200).withExpiry(Duration.ofHours(10))
                .withOrphanLimits(5, 100_000, Duration.ofMinutes(20));
        PoolFixture f = new PoolFixture(config);
        BlockTemplateFactory templates = new BlockTemplateFactory(f.chain, f.pool, f.clock);
        List<Spendable> known = new ArrayList<>(f.confirmedCoins(8, Amount.ONE_COIN.units(), ALICE));
        List<Transaction> made = new ArrayList<>();
        List<Transaction> heldBack = new ArrayList<>();

        for (int step = 0; step < STEPS; step++) {
            int op = random.nextInt(10);
            if (op <= 4) {
                Transaction tx = spend(f, known.get(random.nextInt(known.size())), random);
                made.add(tx);
                addOutputs(known, tx);
                f.pool.accept(tx);
            } else if (op == 5) {
                Transaction parent = spend(f, known.get(random.nextInt(known.size())), random);
                Transaction child = spend(f, TestChainBuilder.output(parent, 0, ALICE), random);
                made.add(parent);
                made.add(child);
                addOutputs(known, parent);
                addOutputs(known, child);
                f.pool.accept(child);
                heldBack.add(parent);
            } else if (op == 6 && !heldBack.isEmpty()) {
                f.pool.accept(heldBack.remove(random.nextInt(heldBack.size())));
            } else if (op == 7) {
                BlockTemplate t = templates.create(TestChainBuilder.p2pkh(key(9)), new byte[] {(byte) step});
                assertThat(f.chain.submitBlock(solve(t, f))).isInstanceOf(BlockOutcome.Connected.class);
            } else if (op == 8) {
                f.clock.advance(Duration.ofHours(random.nextInt(7)));
                f.pool.expire();
            } else if (random.nextBoolean()) {
                reorganise(f);
            } else if (!made.isEmpty()) {
                f.pool.accept(made.get(random.nextInt(made.size())));
            }
            checkConsistent(f, config);
        }
    }

    /** Replaces the tip block by two empty ones: its transactions go back to the pool. */
    private static void reorganise(PoolFixture f) {
        for (long h = 0; h <= f.chain.tip().height(); h++) {
            f.builder.register(f.chain.blockAt(h).orElseThrow());
        }
        Block tip = f.tipBlock();
        Block parent = f.chain.block(tip.header().prevHash()).orElseThrow();
        Block first = f.builder.nextBlock(parent).time(tip.header().timestamp() + 1).mine();
        assertThat(f.chain.submitBlock(first)).isInstanceOf(BlockOutcome.SideBranch.class);
        assertThat(f.chain.submitBlock(f.builder.nextBlock(first).mine())).isInstanceOf(BlockOutcome.Reorganized.class);
    }

    private static Transaction spend(PoolFixture f, Spendable coin, SplittableRandom random) {
        long fee = 200 + random.nextInt(3_000);
        long left = coin.output().value() - fee;
        TestChainBuilder.TxBuilder tx = f.builder.tx().spending(coin);
        if (random.nextBoolean() && left > 2 * 1_000) {
            tx.paying(ALICE, Amount.ofUnits(left / 2)).paying(ALICE, Amount.ofUnits(left - left / 2));
        } else {
            tx.paying(ALICE, Amount.ofUnits(Math.max(left, 546)));
        }
        return tx.sign();
    }

    private static void addOutputs(List<Spendable> known, Transaction tx) {
        for (int i = 0; i < tx.outputs().size(); i++) {
            known.add(TestChainBuilder.output(tx, i, ALICE));
        }
    }

    private static Block solve(BlockTemplate t, PoolFixture f) {
        for (long nonce = 0; ; nonce++) {
            Block b = t.block(nonce);
            if (ProofOfWork.check(b.header(), f.params.powLimit())) {
                return b;
            }
        }
    }

    private static void checkConsistent(PoolFixture f, MempoolConfig config) {
        List<MempoolEntry> entries = f.pool.entries();
        assertThat(entries).hasSize(f.pool.size());
        assertThat(entries.stream().mapToLong(MempoolEntry::size).sum()).isEqualTo(f.pool.bytes());
        assertThat(f.pool.bytes()).isLessThanOrEqualTo(config.maxBytes());
        assertThat(f.pool.orphanCount()).isLessThanOrEqualTo(config.maxOrphans());

        Map<Hash, Transaction> byTxid = new HashMap<>();
        Set<OutPoint> spent = new HashSet<>();
        for (MempoolEntry e : entries) {
            for (TxIn in : e.tx().inputs()) {
                OutPoint o = in.prevout();
                assertThat(spent.add(o)).as("two pool transactions spend %s", o).isTrue();
                assertThat(f.pool.spenderOf(o)).contains(e.txid());
                Transaction parent = byTxid.get(o.txid());
                if (parent != null) {
                    assertThat(o.index()).isLessThan(parent.outputs().size());
                } else {
                    assertThat(f.pool.contains(o.txid())).as("parent of %s listed after it", e.txid()).isFalse();
                    assertThat(f.chain.utxos().coin(o)).as("chain coin %s of %s", o, e.txid()).isPresent();
                }
            }
            byTxid.put(e.txid(), e.tx());
        }

        for (PoolEntry e : f.pool.graphEntries()) {
            Set<Hash> parents = e.tx().inputs().stream().map(in -> in.prevout().txid()).filter(byTxid::containsKey)
                    .collect(Collectors.toSet());
            assertThat(e.parents.stream().map(PoolEntry::txid).collect(Collectors.toSet())).isEqualTo(parents);
            for (PoolEntry c : e.children) {
                assertThat(c.parents).contains(e);
            }
            Set<PoolEntry> ancestors = Reachable.from(List.of(e), x -> x.parents);
            Set<PoolEntry> descendants = Reachable.from(List.of(e), x -> x.children);
            assertThat(e.ancestorCount).isEqualTo(ancestors.size());
            assertThat(e.ancestorSize).isEqualTo(ancestors.stream().mapToLong(PoolEntry::size).sum());
            assertThat(e.ancestorFee).isEqualTo(ancestors.stream().mapToLong(PoolEntry::fee).sum());
            assertThat(e.descendantCount).isEqualTo(descendants.size());
            assertThat(e.descendantSize).isEqualTo(descendants.stream().mapToLong(PoolEntry::size).sum());
            assertThat(e.descendantFee).isEqualTo(descendants.stream().mapToLong(PoolEntry::fee).sum());
        }
    }
}
