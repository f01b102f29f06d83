package io.flint.mempool;

import static io.flint.mempool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.consensus.Coin;
import io.flint.crypto.PrivateKey;
import io.flint.mempool.AcceptOutcome.Accepted;
import io.flint.mempool.AcceptOutcome.Rejected;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's bounds: bytes with eviction by descendant fee rate, expiry, and what readers see. */
class MempoolLimitsTest {
    private static final PrivateKey ALICE = key(2);
    private static final PrivateKey BOB = key(3);
    /** Three 1-input 1-output P2PKH spends (191 to 193 bytes each) fit, a fourth does not. */
    private static final long THREE_SPENDS = 3 * 193;

    private final PoolFixture f = new PoolFixture(MempoolConfig.DEFAULTS.withMaxBytes(THREE_SPENDS));

    private Transaction pay(Spendable coin, long fee) {
        return f.pay(coin, ALICE, Amount.ofUnits(fee));
    }

    private void accept(Transaction... txs) {
        for (Transaction tx : txs) {
            assertThat(f.pool.accept(tx)).isInstanceOf(Accepted.class);
        }
    }

    private List<Spendable> coins(int n) {
        return f.confirmedCoins(n, Amount.ONE_COIN.units(), ALICE);
    }

    @Test
    void aFullPoolRefusesANewcomerThatPaysNoMoreThanItsLowestEntry() {
        List<Spendable> c = coins(4);
        accept(pay(c.get(0), 400), pay(c.get(1), 600), pay(c.get(2), 800));

        AcceptOutcome outcome = f.pool.accept(pay(c.get(3), 380));

        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(((Rejected) outcome).rejection().code()).isEqualTo("mempool full");
        assertThat(((Rejected) outcome).rejection().message()).contains("of " + THREE_SPENDS + " bytes");
        assertThat(f.pool.size()).isEqualTo(3);
    }

    @Test
    void aBetterPayingNewcomerEvictsTheLowestFeeRate() {
        List<Spendable> c = coins(4);
        Transaction low = pay(c.get(0), 400);
        Transaction mid = pay(c.get(1), 600);
        Transaction high = pay(c.get(2), 800);
        accept(low, mid, high);

        Transaction newcomer = pay(c.get(3), 1_000);
        accept(newcomer);

        assertThat(f.pool.entries()).extracting(MempoolEntry::txid)
                .containsExactly(mid.txid(), high.txid(), newcomer.txid());
        assertThat(f.pool.bytes()).isLessThanOrEqualTo(THREE_SPENDS);
        assertThat(f.pool.spenderOf(c.get(0).outPoint())).isEmpty();
    }

    /**
     * Fills the pool with a parent paying 300 and its child paying 800 (a package of about 2.9
     * units per byte), and another transaction paying {@code otherFee}; then admits a newcomer
     * paying 1000. Returns parent, child, other and newcomer.
     */
    private List<Transaction> parentChildOtherThenNewcomer(long otherFee) {
        List<Spendable> c = coins(3);
        Transaction parent = pay(c.get(0), 300);
        Transaction child = f.pay(TestChainBuilder.output(parent, 0, ALICE), BOB, Amount.ofUnits(800));
        Transaction other = pay(c.get(1), otherFee);
        accept(parent, child, other);
        Transaction newcomer = pay(c.get(2), 1_000);
        accept(newcomer);
        return List.of(parent, child, other, newcomer);
    }

    @Test
    void evictionTakesDescendantsAlong() {
        List<Transaction> t = parentChildOtherThenNewcomer(700);

        // the parent's score is its package's 1100 units over two transactions, below the other's 700 over one
        assertThat(f.pool.entries()).extracting(MempoolEntry::txid).containsExactly(t.get(2).txid(), t.get(3).txid());
    }

    @Test
    void aWellPayingChildProtectsItsParentFromEviction() {
        List<Transaction> t = parentChildOtherThenNewcomer(500);

        assertThat(f.pool.entries()).extracting(MempoolEntry::txid)
                .containsExactly(t.get(0).txid(), t.get(1).txid(), t.get(3).txid());
    }

    @Test
    void aNewcomerNeverEvictsItsOwnAncestors() {
        List<Spendable> c = coins(3);
        Transaction parent = pay(c.get(0), 300);
        Transaction other = pay(c.get(1), 600);
        Transaction third = pay(c.get(2), 700);
        accept(parent, other, third);

        Transaction child = f.pay(TestChainBuilder.output(parent, 0, ALICE), BOB, Amount.ofUnits(2_000));
        accept(child);

        assertThat(f.pool.entries()).extracting(MempoolEntry::txid)
                .containsExactly(parent.txid(), third.txid(), child.txid());
    }

    @Test
    void entriesExpireWithTheirDescendants() {
        PoolFixture g = new PoolFixture(MempoolConfig.DEFAULTS.withExpiry(Duration.ofHours(24)));
        List<Spendable> c = g.confirmedCoins(2, Amount.ONE_COIN.units(), ALICE);
        Transaction old = g.pay(c.get(0), ALICE, Amount.ofUnits(1_000));
        g.pool.accept(old);
        g.clock.advance(Duration.ofHours(12));
        Transaction youngChild = g.pay(TestChainBuilder.output(old, 0, ALICE), BOB, Amount.ofUnits(1_000));
        Transaction young = g.pay(c.get(1), BOB, Amount.ofUnits(1_000));
        g.pool.accept(youngChild);
        g.pool.accept(young);

        g.clock.advance(Duration.ofHours(12));
        assertThat(g.pool.expire()).isZero();
        g.clock.advance(Duration.ofSeconds(1));
        assertThat(g.pool.expire()).isEqualTo(2);

        assertThat(g.pool.entries()).extracting(MempoolEntry::txid).containsExactly(young.txid());
        assertThat(g.pool.bytes()).isEqualTo(young.size());
    }

    @Test
    void orphansExpireToo() {
        Spendable coin = coins(1).get(0);
        Transaction parent = pay(coin, 1_000);
        Transaction orphan = f.pay(TestChainBuilder.output(parent, 0, ALICE), BOB, Amount.ofUnits(1_000));
        f.pool.accept(orphan);
        f.clock.advance(Duration.ofMinutes(21));

        f.pool.expire();

        assertThat(f.pool.orphanCount()).isZero();
        assertThat(((Accepted) f.pool.accept(parent)).promotedOrphans()).isEmpty();
    }

    @Test
    void theViewAddsPoolOutputsAndRemovesPoolSpends() {
        List<Spendable> c = coins(2);
        Transaction tx = f.builder.tx().spending(c.get(0)).paying(BOB, Amount.ofUnits(40_000_000))
                .paying(ALICE, Amount.ofUnits(59_999_000)).sign();
        accept(tx);

        var view = f.pool.view();

        assertThat(view.coin(c.get(0).outPoint())).isEmpty();
        assertThat(view.coin(new OutPoint(tx.txid(), 1)))
                .contains(new Coin(tx.output(1), Coin.MEMPOOL_HEIGHT, false));
        assertThat(view.coin(new OutPoint(tx.txid(), 2))).isEmpty();
        assertThat(view.coin(c.get(1).outPoint())).isEqualTo(f.chain.utxos().coin(c.get(1).outPoint()));
        assertThat(view.coin(c.get(1).outPoint())).isPresent();

        Transaction spendsChange = f.pay(TestChainBuilder.output(tx, 1, ALICE), BOB, Amount.ofUnits(1_000));
        f.pool.accept(spendsChange);
        assertThat(view.coin(new OutPoint(tx.txid(), 1))).isEmpty();
    }

    @Test
    void aSnapshotDoesNotChangeUnderItsReader() {
        List<Spendable> c = coins(2);
        Transaction first = pay(c.get(0), 1_000);
        accept(first);
        List<MempoolEntry> snapshot = f.pool.entries();

        accept(pay(c.get(1), 1_000));

        assertThat(snapshot).extracting(MempoolEntry::txid).containsExactly(first.txid());
        assertThat(f.pool.entries()).hasSize(2);
    }
}
