package io.flint.mempool;

import static io.flint.mempool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.BlockOutcome;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.crypto.PrivateKey;
import io.flint.mempool.AcceptOutcome.Accepted;
import io.flint.mempool.AcceptOutcome.MissingInputs;
import io.flint.mempool.AcceptOutcome.Rejected;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool as a listener of the real chain: blocks that connect, and blocks a reorganisation takes back. */
class MempoolChainTest {
    private static final PrivateKey ALICE = key(2);
    private static final PrivateKey BOB = key(3);
    private static final Amount FEE = Amount.ofUnits(1_000);

    private PoolFixture f = new PoolFixture();

    private List<Spendable> coins(int n) {
        return f.confirmedCoins(n, Amount.ONE_COIN.units(), ALICE);
    }

    private Transaction childOf(Transaction parent, PrivateKey to) {
        return f.pay(TestChainBuilder.output(parent, 0, ALICE), to, FEE);
    }

    private List<Hash> poolTxids() {
        return f.pool.entries().stream().map(MempoolEntry::txid).toList();
    }

    @Test
    void aBlockRemovesWhatItConfirmsAndLeavesTheirChildren() {
        Transaction parent = f.pay(coins(1).get(0), ALICE, FEE);
        Transaction child = childOf(parent, BOB);
        f.pool.accept(parent);
        f.pool.accept(child);

        f.submit(f.builder.nextBlock(f.tipBlock()).add(parent).mine());

        assertThat(poolTxids()).containsExactly(child.txid());
        assertThat(f.pool.bytes()).isEqualTo(child.size());
        assertThat(f.pool.spenderOf(child.input(0).prevout())).contains(child.txid());

        f.submit(f.builder.nextBlock(f.tipBlock()).add(child).mine());
        assertThat(f.pool.size()).isZero();
        assertThat(f.pool.bytes()).isZero();
    }

    @Test
    void aBlockRemovesPoolTransactionsThatConflictWithItAndTheirDescendants() {
        List<Spendable> c = coins(2);
        Transaction ours = f.pay(c.get(0), ALICE, FEE);
        Transaction oursChild = childOf(ours, BOB);
        Transaction unrelated = f.pay(c.get(1), BOB, FEE);
        f.pool.accept(ours);
        f.pool.accept(oursChild);
        f.pool.accept(unrelated);
        Transaction doubleSpend = f.pay(c.get(0), key(9), Amount.ofUnits(5_000));

        f.submit(f.builder.nextBlock(f.tipBlock()).add(doubleSpend).mine());

        assertThat(poolTxids()).containsExactly(unrelated.txid());
        // its coin is spent in the chain now: refused as such, not kept waiting as an orphan
        AcceptOutcome again = f.pool.accept(ours);
        assertThat(again).isInstanceOf(Rejected.class);
        assertThat(((Rejected) again).rejection().code()).isEqualTo("bad-txns-inputs-spent");
        assertThat(f.pool.orphanCount()).isZero();
    }

    @Test
    void anOrphanWhoseParentIsMinedEntersThePool() {
        Transaction parent = f.pay(coins(1).get(0), ALICE, FEE);
        Transaction child = childOf(parent, BOB);
        assertThat(f.pool.accept(child)).isInstanceOf(MissingInputs.class);

        f.submit(f.builder.nextBlock(f.tipBlock()).add(parent).mine());

        assertThat(poolTxids()).containsExactly(child.txid());
        assertThat(f.pool.orphanCount()).isZero();
    }

    @Test
    void aReorganisationGivesBackTransactionsTheNewBranchLacks() {
        f = new PoolFixture(MempoolConfig.DEFAULTS.withChainLimits(25, 2));
        List<Spendable> c = coins(3);
        Block fork = f.tipBlock();
        Transaction onlyOld = f.builder.tx().spending(c.get(0)).paying(ALICE, Amount.ofUnits(40_000_000))
                .paying(ALICE, Amount.ofUnits(59_999_000)).sign();
        Transaction inBoth = f.pay(c.get(1), BOB, FEE);
        Transaction replaced = f.pay(c.get(2), BOB, FEE);
        Transaction child = childOf(onlyOld, BOB);
        f.pool.accept(onlyOld);
        f.pool.accept(inBoth);
        f.pool.accept(child);
        Block old = f.builder.nextBlock(fork).add(onlyOld).add(inBoth).add(replaced).mine();
        f.submit(old);
        assertThat(poolTxids()).containsExactly(child.txid());

        Transaction rival = f.pay(c.get(2), key(9), Amount.ofUnits(3_000));
        Block new1 = f.builder.nextBlock(fork).add(inBoth).add(rival).mine();
        Block new2 = f.builder.nextBlock(new1).mine();
        f.submit(new1);
        assertThat(f.submit(new2)).isInstanceOf(BlockOutcome.Reorganized.class);

        // the parent came back after its child: the snapshot still lists it first
        assertThat(poolTxids()).containsExactly(onlyOld.txid(), child.txid());
        // the returned parent adopted the child that stayed: its descendant limit (2) is now reached
        Transaction secondChild = f.pay(TestChainBuilder.output(onlyOld, 1, ALICE), BOB, FEE);
        AcceptOutcome outcome = f.pool.accept(secondChild);
        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(((Rejected) outcome).rejection().code()).isEqualTo("too-long-mempool-chain");

        f.submit(f.builder.nextBlock(new2).add(onlyOld).add(child).mine());
        assertThat(f.pool.size()).isZero();
    }

    @Test
    void childrenFromLaterDisconnectedBlocksWaitForTheirParentsFromEarlierOnes() {
        Spendable coin = coins(1).get(0);
        Block fork = f.tipBlock();
        Transaction parent = f.pay(coin, ALICE, FEE);
        Transaction child = childOf(parent, BOB);
        Block old1 = f.builder.nextBlock(fork).add(parent).mine();
        Block old2 = f.builder.nextBlock(old1).add(child).mine();
        f.submit(old1);
        f.submit(old2);

        List<Block> rivals = f.builder.extend(fork, 3);
        rivals.forEach(f::submit);

        assertThat(f.chain.tip().hash()).isEqualTo(rivals.get(2).hash());
        assertThat(poolTxids()).containsExactly(parent.txid(), child.txid());
        assertThat(f.pool.orphanCount()).isZero();
    }

    @Test
    void poolTransactionsTheNewChainInvalidatesAreRemoved() {
        f.mineEmpty(12);
        long tip = f.chain.tip().height();
        Block rewarded = f.chain.blockAt(tip - 9).orElseThrow();
        Transaction spendsReward = f.pay(f.builder.coinbaseOf(rewarded), ALICE, FEE);
        Transaction child = childOf(spendsReward, BOB);
        assertThat(f.pool.accept(spendsReward)).isInstanceOf(Accepted.class);
        assertThat(f.pool.accept(child)).isInstanceOf(Accepted.class);

        // a longer branch from below the rewarded block: that coinbase never existed there
        Block fork = f.chain.blockAt(tip - 10).orElseThrow();
        f.builder.register(fork);
        f.builder.extend(fork, 11).forEach(f::submit);

        assertThat(f.chain.tip().height()).isEqualTo(tip + 1);
        assertThat(f.pool.size()).isZero();
    }
}
