package io.flint.mining;

import static io.flint.mempool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainTip;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.MerkleTree;
import io.flint.core.ProofOfWork;
import io.flint.core.Transaction;
import io.flint.core.consensus.CoinbaseHeight;
import io.flint.core.consensus.UtxoLookup;
import io.flint.core.script.Script;
import io.flint.crypto.PrivateKey;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.MempoolEntry;
import io.flint.mempool.PoolFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Templates on the real chain: header fields, coinbase, transaction choice, and blocks the chain accepts. */
class BlockTemplateFactoryTest {
    private static final PrivateKey ALICE = key(2);
    private static final Script PAYOUT = TestChainBuilder.p2pkh(key(7));

    private final PoolFixture f = new PoolFixture();
    private final BlockTemplateFactory factory = new BlockTemplateFactory(f.chain, f.pool, f.clock);

    /** The first nonce that meets the target (a handful of tries on REGTEST). */
    static Block solve(BlockTemplate t, PoolFixture f) {
        for (long nonce = 0; ; nonce++) {
            Block b = t.block(nonce);
            if (ProofOfWork.check(b.header(), f.params.powLimit())) {
                return b;
            }
        }
    }

    private Transaction accepted(Transaction tx) {
        assertThat(f.pool.accept(tx)).isInstanceOf(AcceptOutcome.Accepted.class);
        return tx;
    }

    @Test
    void anEmptyPoolGivesAValidBlockOnTheTip() {
        f.mineEmpty(3);
        ChainTip tip = f.chain.tip();

        BlockTemplate t = factory.create(PAYOUT, new byte[] {1, 2, 3});

        assertThat(t.height()).isEqualTo(tip.height() + 1);
        assertThat(t.header().prevHash()).isEqualTo(tip.hash());
        assertThat(t.header().bits()).isEqualTo(tip.nextBits());
        assertThat(t.header().timestamp()).isEqualTo(PoolFixture.START.getEpochSecond());
        assertThat(t.transactions()).isEmpty();
        assertThat(t.fees()).isEqualTo(Amount.ZERO);
        assertThat(t.reward()).isEqualTo(f.params.subsidyAt(t.height()));
        assertThat(t.payout()).isEqualTo(PAYOUT);
        assertThat(CoinbaseHeight.matches(t.coinbase().input(0).scriptSig(), t.height())).isTrue();
        assertThat(new String(t.coinbase().input(0).scriptSig().program(), StandardCharsets.US_ASCII)).endsWith("/flint/");
        assertThat(t.header().merkleRoot()).isEqualTo(MerkleTree.rootOf(t.allTransactions()).hash());

        Block block = solve(t, f);
        assertThat(f.chain.submitBlock(block)).isInstanceOf(BlockOutcome.Connected.class);
    }

    @Test
    void theTimestampIsAfterTheMedianTimePastEvenWhenTheClockIsBehind() {
        f.mineEmpty(3);
        f.clock.set(Instant.ofEpochSecond(0));

        BlockTemplate t = factory.create(PAYOUT, new byte[0]);

        assertThat(t.header().timestamp()).isEqualTo(f.chain.tip().medianTimePast() + 1);
        f.clock.set(PoolFixture.START);
        assertThat(f.chain.submitBlock(solve(t, f))).isInstanceOf(BlockOutcome.Connected.class);
    }

    @Test
    void theCoinbasePaysTheSubsidyPlusTheFeesAndTheChainAgrees() {
        List<Spendable> c = f.confirmedCoins(3, Amount.ONE_COIN.units(), ALICE);
        accepted(f.pay(c.get(0), ALICE, Amount.ofUnits(1_000)));
        accepted(f.pay(c.get(1), ALICE, Amount.ofUnits(2_000)));
        accepted(f.pay(c.get(2), ALICE, Amount.ofUnits(3_000)));

        BlockTemplate t = factory.create(PAYOUT, new byte[] {9});

        assertThat(t.fees()).isEqualTo(Amount.ofUnits(6_000));
        assertThat(t.reward()).isEqualTo(f.params.subsidyAt(t.height()).add(Amount.ofUnits(6_000)));
        assertThat(t.transactions()).hasSize(3);
        assertThat(f.chain.submitBlock(solve(t, f))).isInstanceOf(BlockOutcome.Connected.class);
        assertThat(f.pool.size()).isZero();
    }

    @Test
    void transactionsGoInByAncestorFeeRateWithParentsFirst() {
        List<Spendable> c = f.confirmedCoins(4, Amount.ONE_COIN.units(), ALICE);
        Transaction two = accepted(f.pay(c.get(0), ALICE, Amount.ofUnits(400)));
        Transaction five = accepted(f.pay(c.get(1), ALICE, Amount.ofUnits(1_000)));
        Transaction three = accepted(f.pay(c.get(2), ALICE, Amount.ofUnits(600)));
        // a parent paying 1 per byte, rescued by a child paying about 20: the package pays about 10
        Transaction parent = accepted(f.pay(c.get(3), ALICE, Amount.ofUnits(200)));
        Transaction child = accepted(f.pay(TestChainBuilder.output(parent, 0, ALICE), ALICE, Amount.ofUnits(4_000)));

        BlockTemplate t = factory.create(PAYOUT, new byte[0]);

        assertThat(t.transactions()).extracting(Transaction::txid)
                .containsExactly(parent.txid(), child.txid(), five.txid(), three.txid(), two.txid());
        assertThat(f.chain.submitBlock(solve(t, f))).isInstanceOf(BlockOutcome.Connected.class);
    }

    @Test
    void aPackageThatDoesNotFitIsSkippedAndSmallerOnesFillTheSpace() {
        List<Spendable> c = f.confirmedCoins(5, Amount.ONE_COIN.units(), ALICE);
        Transaction five = accepted(f.pay(c.get(0), ALICE, Amount.ofUnits(960)));
        Transaction big = accepted(f.builder.tx().spending(c.get(1)).spending(c.get(2))
                .paying(ALICE, Amount.ofUnits(2 * Amount.ONE_COIN.units() - 1_530)).sign());
        Transaction four = accepted(f.pay(c.get(3), ALICE, Amount.ofUnits(768)));
        Transaction three = accepted(f.pay(c.get(4), ALICE, Amount.ofUnits(576)));
        assertThat(big.size()).isBetween(330, 345);
        ChainTip tip = f.chain.tip();

        List<MempoolEntry> chosen = TransactionSelector.select(f.pool.entries(), f.chain.utxos(), tip.height() + 1,
                tip.medianTimePast(), f.params, 450);

        assertThat(chosen).extracting(MempoolEntry::txid).containsExactly(five.txid(), four.txid());
        assertThat(List.of(big.txid(), three.txid())).doesNotContainAnyElementsOf(
                chosen.stream().map(MempoolEntry::txid).toList());
    }

    @Test
    void poolEntriesTheChainCannotSpendAreLeftOutWithTheirDescendants() {
        List<Spendable> c = f.confirmedCoins(2, Amount.ONE_COIN.units(), ALICE);
        Transaction parent = accepted(f.pay(c.get(0), ALICE, Amount.ofUnits(1_000)));
        Transaction child = accepted(f.pay(TestChainBuilder.output(parent, 0, ALICE), ALICE, Amount.ofUnits(1_000)));
        Transaction other = accepted(f.pay(c.get(1), ALICE, Amount.ofUnits(1_000)));
        ChainTip tip = f.chain.tip();
        // as if a block had just spent the parent's coin and the pool had not heard of it yet
        UtxoLookup lagging = o -> o.equals(c.get(0).outPoint())
                ? Optional.empty() : f.chain.utxos().coin(o);

        List<MempoolEntry> chosen = TransactionSelector.select(f.pool.entries(), lagging, tip.height() + 1,
                tip.medianTimePast(), f.params, 1_000_000);

        assertThat(chosen).extracting(MempoolEntry::txid).containsExactly(other.txid());
        assertThat(f.pool.contains(child.txid())).isTrue();
    }
}
