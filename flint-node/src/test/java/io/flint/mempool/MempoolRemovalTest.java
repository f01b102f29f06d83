package io.flint.mempool;

import static io.flint.mempool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.BlockOutcome;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.OutPoint;
import io.flint.core.RejectReason;
import io.flint.core.Transaction;
import io.flint.crypto.PrivateKey;
import io.flint.mempool.AcceptOutcome.Accepted;
import io.flint.mempool.AcceptOutcome.MissingInputs;
import io.flint.mempool.AcceptOutcome.Rejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the pool tells its removal listeners: every transaction it drops without a block
 * confirming it (lost to a block's conflicting spend, expired, evicted, invalid after a
 * reorganisation), descendants each, and nothing for what blocks confirm. And a spend of a coin
 * the chain already spent is refused as such, not kept as an orphan.
 */
class MempoolRemovalTest {
    private static final PrivateKey ALICE = key(2);
    private static final PrivateKey BOB = key(3);
    private static final Amount FEE = Amount.ofUnits(1_000);

    private PoolFixture f = new PoolFixture();
    private final List<PoolRemoval> removed = new ArrayList<>();

    private void watch() {
        f.pool.addRemovalListener(removed::add);
    }

    private List<Spendable> coins(int n) {
        return f.confirmedCoins(n, Amount.ONE_COIN.units(), ALICE);
    }

    private Transaction childOf(Transaction parent, PrivateKey to) {
        return f.pay(TestChainBuilder.output(parent, 0, ALICE), to, FEE);
    }

    private void accept(Transaction... txs) {
        for (Transaction tx : txs) {
            assertThat(f.pool.accept(tx)).isInstanceOf(Accepted.class);
        }
    }

    private static PoolRemoval removal(Transaction tx, RemovalReason reason, Transaction conflicting) {
        return new PoolRemoval(tx.txid(), reason, Optional.ofNullable(conflicting).map(Transaction::txid), "");
    }

    /** The removals without their free-text detail, which is for people. */
    private List<PoolRemoval> removedIgnoringDetail() {
        return removed.stream().map(r -> new PoolRemoval(r.txid(), r.reason(), r.conflictingTxid(), "")).toList();
    }

    @Test
    void aBlockConfirmingARivalSpendReportsTheLoserAndItsDescendantsButNotWhatItConfirms() {
        watch();
        List<Spendable> c = coins(3);
        Transaction ours = f.pay(c.get(0), ALICE, FEE);
        Transaction oursChild = childOf(ours, BOB);
        Transaction unrelated = f.pay(c.get(1), BOB, FEE);
        Transaction mined = f.pay(c.get(2), BOB, FEE);
        accept(ours, oursChild, unrelated, mined);
        Transaction rival = f.pay(c.get(0), key(9), Amount.ofUnits(5_000));

        f.submit(f.builder.nextBlock(f.tipBlock()).add(rival).add(mined).mine());

        assertThat(removedIgnoringDetail()).containsExactly(removal(ours, RemovalReason.CONFLICT, rival),
                removal(oursChild, RemovalReason.CONFLICT, rival));
        assertThat(removed.get(0).detail()).contains(c.get(0).outPoint().toString()).contains(rival.txid().toString());
        assertThat(removed.get(1).detail()).contains("descends from " + ours.txid());
        assertThat(f.pool.entries()).extracting(MempoolEntry::txid).containsExactly(unrelated.txid());
    }

    @Test
    void expiredEntriesAreReportedWithTheirDescendants() {
        f = new PoolFixture(MempoolConfig.DEFAULTS.withExpiry(Duration.ofHours(1)));
        watch();
        List<Spendable> c = coins(2);
        Transaction old = f.pay(c.get(0), ALICE, FEE);
        Transaction oldChild = childOf(old, BOB);
        accept(old, oldChild);
        f.clock.advance(Duration.ofMinutes(40));
        Transaction young = f.pay(c.get(1), BOB, FEE);
        accept(young);
        f.clock.advance(Duration.ofMinutes(30));

        assertThat(f.pool.expire()).isEqualTo(2);

        assertThat(removedIgnoringDetail()).containsExactly(removal(old, RemovalReason.EXPIRED, null),
                removal(oldChild, RemovalReason.EXPIRED, null));
    }

    @Test
    void anEvictionForSpaceIsReported() {
        f = new PoolFixture(MempoolConfig.DEFAULTS.withMaxBytes(3 * 193));
        watch();
        List<Spendable> c = coins(4);
        Transaction low = f.pay(c.get(0), ALICE, Amount.ofUnits(400));
        accept(low, f.pay(c.get(1), ALICE, Amount.ofUnits(600)), f.pay(c.get(2), ALICE, Amount.ofUnits(800)));

        Transaction newcomer = f.pay(c.get(3), ALICE, Amount.ofUnits(1_000));
        accept(newcomer);

        assertThat(removedIgnoringDetail()).containsExactly(removal(low, RemovalReason.EVICTED, null));
        assertThat(removed.get(0).detail()).contains(newcomer.txid().toString());
    }

    @Test
    void aDisconnectedBlocksTransactionThatLosesToTheNewBranchIsReportedAsAConflictWithItsRival() {
        watch();
        List<Spendable> c = coins(2);
        Block fork = f.tipBlock();
        Transaction lost = f.pay(c.get(0), ALICE, FEE);
        Transaction lostChild = childOf(lost, BOB);
        Transaction comesBack = f.pay(c.get(1), BOB, FEE);
        Block old1 = f.builder.nextBlock(fork).add(lost).add(comesBack).mine();
        // the child in a later block comes back first, as an orphan waiting for its parent
        Block old2 = f.builder.nextBlock(old1).add(lostChild).mine();
        f.submit(old1);
        f.submit(old2);

        Transaction rival = f.pay(c.get(0), key(9), Amount.ofUnits(3_000));
        Block new1 = f.builder.nextBlock(fork).mine();
        Block new2 = f.builder.nextBlock(new1).add(rival).mine();
        Block new3 = f.builder.nextBlock(new2).mine();
        f.submit(new1);
        f.submit(new2);
        assertThat(f.submit(new3)).isInstanceOf(BlockOutcome.Reorganized.class);

        // the rival is in the second block connected: the loser is named when the reorganisation ends
        assertThat(removedIgnoringDetail()).containsExactlyInAnyOrder(removal(lost, RemovalReason.CONFLICT, rival),
                removal(lostChild, RemovalReason.CONFLICT, rival));
        assertThat(f.pool.entries()).extracting(MempoolEntry::txid).containsExactly(comesBack.txid());
        assertThat(f.pool.orphanCount()).isZero();
    }

    /** A chain of 12 blocks, a payment from the reward of the one 9 below the tip, and the block below that one. */
    private record RewardSpend(long tip, Block rewarded, Transaction spendsReward, Block forkPoint) {}

    private RewardSpend rewardSpend() {
        watch();
        f.mineEmpty(12);
        long tip = f.chain.tip().height();
        Block rewarded = f.chain.blockAt(tip - 9).orElseThrow();
        Block fork = f.chain.blockAt(tip - 10).orElseThrow();
        f.builder.register(fork);
        return new RewardSpend(tip, rewarded, f.pay(f.builder.coinbaseOf(rewarded), ALICE, FEE), fork);
    }

    @Test
    void poolEntriesTheNewChainInvalidatesAreReportedAsReorgInvalid() {
        RewardSpend r = rewardSpend();
        Block rewarded = r.rewarded();
        Transaction spendsReward = r.spendsReward();
        Transaction child = childOf(spendsReward, BOB);
        accept(spendsReward, child);

        // a longer branch from below the rewarded block: that coinbase never existed there
        f.builder.extend(r.forkPoint(), 11).forEach(f::submit);

        assertThat(f.pool.size()).isZero();
        assertThat(removedIgnoringDetail()).containsExactly(removal(spendsReward, RemovalReason.REORG_INVALID, null),
                removal(child, RemovalReason.REORG_INVALID, null));
        assertThat(removed.get(0).detail()).contains(f.builder.coinbaseOf(rewarded).outPoint().toString());
    }

    /**
     * The lab exercise "coinbase maturity across a reorg": a payment from a block reward that an
     * abandoned block confirmed cannot come back (no coinbase does); it used to wait as an orphan,
     * unreported, until it expired (lecturer tester).
     */
    @Test
    void aConfirmedSpendOfAnAbandonedRewardIsReportedAsReorgInvalidNotKeptAsAnOrphan() {
        RewardSpend setup = rewardSpend();
        Block rewarded = setup.rewarded();
        Transaction spendsReward = setup.spendsReward();
        f.submit(f.builder.nextBlock(f.tipBlock()).add(spendsReward).mine());
        Transaction child = childOf(spendsReward, BOB);
        accept(child);

        f.builder.extend(setup.forkPoint(), 13).forEach(f::submit);

        assertThat(f.chain.tip().height()).isEqualTo(setup.tip() + 3);
        assertThat(f.pool.size()).isZero();
        assertThat(f.pool.orphanCount()).as("nothing left waiting for a parent that is not coming").isZero();
        assertThat(removedIgnoringDetail()).containsExactlyInAnyOrder(
                removal(spendsReward, RemovalReason.REORG_INVALID, null), removal(child, RemovalReason.REORG_INVALID, null));
        assertThat(removed).filteredOn(r -> r.txid().equals(spendsReward.txid())).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains(f.builder.coinbaseOf(rewarded).outPoint().toString(),
                        "which the new chain does not have"));
    }

    @Test
    void transactionsTheNewBranchAlsoConfirmsAreNotReported() {
        watch();
        Spendable coin = coins(1).get(0);
        Block fork = f.tipBlock();
        Transaction inBoth = f.pay(coin, ALICE, FEE);
        f.submit(f.builder.nextBlock(fork).add(inBoth).mine());

        Block new1 = f.builder.nextBlock(fork).add(inBoth).mine();
        f.submit(new1);
        f.submit(f.builder.nextBlock(new1).mine());

        assertThat(removed).isEmpty();
        assertThat(f.pool.size()).isZero();
    }

    @Test
    void aSpendOfACoinTheChainAlreadySpentIsRefusedAsSuchAndNotKeptAsAnOrphan() {
        Spendable coin = coins(1).get(0);
        Transaction first = f.pay(coin, ALICE, FEE);
        f.submit(f.builder.nextBlock(f.tipBlock()).add(first).mine());
        Transaction late = f.pay(coin, BOB, Amount.ofUnits(2_000));

        AcceptOutcome outcome = f.pool.accept(late);

        assertThat(outcome).isInstanceOf(Rejected.class);
        Rejected r = (Rejected) outcome;
        assertThat(r.rejection().reason()).isEqualTo(RejectReason.POOL_INPUTS_SPENT);
        assertThat(r.rejection().message()).startsWith("bad-txns-inputs-spent: ")
                .contains("input 0 spends " + coin.outPoint());
        assertThat(f.pool.orphanCount()).isZero();
        // the transaction that did spend it, offered again, is known as confirmed
        AcceptOutcome again = f.pool.accept(first);
        assertThat(again).isInstanceOf(Rejected.class);
        assertThat(((Rejected) again).rejection().reason()).isEqualTo(RejectReason.POOL_ALREADY_CONFIRMED);
    }

    @Test
    void aSpendOfAnUnknownParentStillWaitsAsAnOrphan() {
        Transaction parent = f.pay(coins(1).get(0), ALICE, FEE);
        Transaction child = childOf(parent, BOB);

        AcceptOutcome outcome = f.pool.accept(child);

        assertThat(outcome).isInstanceOf(MissingInputs.class);
        assertThat(((MissingInputs) outcome).missing()).extracting(o -> o.txid()).containsExactly(parent.txid());
        assertThat(f.pool.orphanCount()).isEqualTo(1);
    }

    @Test
    void aSpendOfAnOutputAConfirmedTransactionDoesNotHaveBreaksTheRule() {
        Transaction parent = f.pay(coins(1).get(0), ALICE, FEE);
        f.submit(f.builder.nextBlock(f.tipBlock()).add(parent).mine());
        Spendable beyond = new Spendable(new OutPoint(parent.txid(), 5), parent.output(0), ALICE);

        AcceptOutcome outcome = f.pool.accept(f.pay(beyond, BOB, FEE));

        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(((Rejected) outcome).rejection().reason()).isEqualTo(RejectReason.TX_MISSING_INPUTS);
        assertThat(((Rejected) outcome).rejection().message()).contains("has 1 outputs");
        assertThat(f.pool.orphanCount()).isZero();
    }
}
