package io.flint.mempool;

import static io.flint.mempool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.script.Opcode;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptBuilder;
import io.flint.core.script.SigHashType;
import io.flint.core.script.StandardScripts;
import io.flint.core.script.TransactionSigner;
import io.flint.crypto.PrivateKey;
import io.flint.mempool.AcceptOutcome.Accepted;
import io.flint.mempool.AcceptOutcome.AlreadyKnown;
import io.flint.mempool.AcceptOutcome.MissingInputs;
import io.flint.mempool.AcceptOutcome.Rejected;
import io.flint.mining.Coinbase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admission: one test per rule the pool enforces, each with real signatures on a real chain. */
class MempoolPolicyTest {
    private static final PrivateKey ALICE = key(2);
    private static final PrivateKey BOB = key(3);
    private static final long COIN = Amount.ONE_COIN.units();

    private PoolFixture f = new PoolFixture();

    private List<Spendable> coins(int n) {
        return f.confirmedCoins(n, COIN, ALICE);
    }

    /** Builds, signs every input (P2PKH), in the given shape. */
    private Transaction signed(int version, List<Spendable> spent, List<TxOut> outputs, long lockTime, long sequence) {
        List<TxIn> ins = new ArrayList<>();
        for (Spendable s : spent) {
            ins.add(new TxIn(s.outPoint(), Script.EMPTY, sequence));
        }
        Transaction tx = new Transaction(version, ins, outputs, lockTime);
        TransactionSigner signer = new TransactionSigner(f.engine);
        for (int i = 0; i < spent.size(); i++) {
            tx = signer.signP2pkh(tx, i, spent.get(i).output().scriptPubKey(), spent.get(i).key(), SigHashType.ALL);
        }
        return tx;
    }

    private Transaction signed(Spendable coin, List<TxOut> outputs) {
        return signed(1, List.of(coin), outputs, 0, TxIn.SEQUENCE_FINAL);
    }

    private static TxOut toBob(long units) {
        return new TxOut(units, TestChainBuilder.p2pkh(BOB));
    }

    private static String code(AcceptOutcome outcome) {
        assertThat(outcome).isInstanceOf(Rejected.class);
        return ((Rejected) outcome).rejection().code();
    }

    private static String message(AcceptOutcome outcome) {
        return ((Rejected) outcome).rejection().message();
    }

    @Test
    void acceptsAStandardSpendAndRecordsItsFeeSizeAndTime() {
        Spendable coin = coins(1).get(0);
        Transaction tx = f.pay(coin, BOB, Amount.ofUnits(1_000));

        AcceptOutcome outcome = f.pool.accept(tx);

        assertThat(outcome).isEqualTo(new Accepted(tx.txid(), Amount.ofUnits(1_000), List.of()));
        assertThat(f.pool.contains(tx.txid())).isTrue();
        MempoolEntry entry = f.pool.get(tx.txid()).orElseThrow();
        assertThat(entry.fee()).isEqualTo(Amount.ofUnits(1_000));
        assertThat(entry.size()).isEqualTo(tx.size());
        assertThat(entry.feeRate()).isEqualTo(1_000.0 / tx.size());
        assertThat(entry.time()).isEqualTo(PoolFixture.START);
        assertThat(f.pool.entries()).containsExactly(entry);
        assertThat(f.pool.size()).isEqualTo(1);
        assertThat(f.pool.bytes()).isEqualTo(tx.size());
        assertThat(f.pool.spenderOf(coin.outPoint())).contains(tx.txid());
    }

    @Test
    void malformedTransactionsFailCheckTransactionFirst() {
        Spendable coin = coins(1).get(0);
        Transaction noOutputs = new Transaction(1, List.of(TxIn.unsigned(coin.outPoint())), List.of(), 0);

        assertThat(code(f.pool.accept(noOutputs))).isEqualTo("bad-txns-vout-empty");
    }

    @Test
    void coinbaseTransactionsAreOnlyValidInBlocks() {
        f.mineEmpty(1);
        Transaction coinbase = Coinbase.create(5, new byte[] {1}, TestChainBuilder.p2pkh(BOB), Amount.ofCoins(50));

        assertThat(code(f.pool.accept(coinbase))).isEqualTo("coinbase");
    }

    @Test
    void onlyVersionsOneAndTwoAreStandard() {
        List<Spendable> c = coins(3);
        assertThat(code(f.pool.accept(signed(3, List.of(c.get(0)), List.of(toBob(COIN - 1_000)), 0, TxIn.SEQUENCE_FINAL))))
                .isEqualTo("version");
        assertThat(f.pool.accept(signed(2, List.of(c.get(1)), List.of(toBob(COIN - 1_000)), 0, TxIn.SEQUENCE_FINAL)))
                .isInstanceOf(Accepted.class);
        assertThat(f.pool.accept(signed(1, List.of(c.get(2)), List.of(toBob(COIN - 1_000)), 0, TxIn.SEQUENCE_FINAL)))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void transactionsAboveThePoolSizeLimitAreRefused() {
        f = new PoolFixture(MempoolConfig.DEFAULTS.withMaxTxSize(300));
        List<Spendable> c = coins(3);
        Transaction small = signed(1, List.of(c.get(0)), List.of(toBob(COIN - 1_000)), 0, TxIn.SEQUENCE_FINAL);
        Transaction big = signed(1, List.of(c.get(1), c.get(2)), List.of(toBob(2 * COIN - 1_000)), 0,
                TxIn.SEQUENCE_FINAL);
        assertThat(big.size()).isGreaterThan(300);

        assertThat(f.pool.accept(small)).isInstanceOf(Accepted.class);
        AcceptOutcome refused = f.pool.accept(big);
        assertThat(code(refused)).isEqualTo("tx-size");
        assertThat(message(refused)).contains(big.size() + " bytes, limit 300");
    }

    @Test
    void scriptSigsLargerThan1650BytesAreRefused() {
        Spendable coin = coins(1).get(0);
        Script huge = new ScriptBuilder().data(new byte[1700]).build();
        Transaction tx = new Transaction(1, List.of(new TxIn(coin.outPoint(), huge, TxIn.SEQUENCE_FINAL)),
                List.of(toBob(COIN - 10_000)), 0);

        assertThat(code(f.pool.accept(tx))).isEqualTo("scriptsig-size");
    }

    @Test
    void scriptSigsThatDoMoreThanPushAreRefused() {
        Spendable coin = coins(1).get(0);
        Transaction ok = signed(coin, List.of(toBob(COIN - 1_000)));
        Script withNop = new ScriptBuilder().raw(ok.input(0).scriptSig().program()).op(Opcode.OP_NOP).build();
        Transaction tx = ok.withScriptSig(0, withNop);

        assertThat(code(f.pool.accept(tx))).isEqualTo("scriptsig-not-pushonly");
    }

    @Test
    void outputsMustBeP2pkhP2pkOrSmallOpReturn() {
        List<Spendable> c = coins(5);
        Script anyoneCanSpend = new ScriptBuilder().op(Opcode.OP_1).build();
        Script p2pk = StandardScripts.p2pk(BOB.publicKey(f.engine).bytes());

        assertThat(code(f.pool.accept(signed(c.get(0), List.of(new TxOut(COIN - 1_000, anyoneCanSpend))))))
                .isEqualTo("scriptpubkey");
        assertThat(code(f.pool.accept(signed(c.get(1), List.of(toBob(COIN - 1_000),
                new TxOut(0, StandardScripts.opReturn(new byte[81]))))))).isEqualTo("scriptpubkey");
        assertThat(f.pool.accept(signed(c.get(2), List.of(toBob(COIN - 1_000),
                new TxOut(0, StandardScripts.opReturn(new byte[80])))))).isInstanceOf(Accepted.class);
        assertThat(f.pool.accept(signed(c.get(3), List.of(new TxOut(COIN - 1_000, p2pk))))).isInstanceOf(Accepted.class);
        Script returnThenCode = new ScriptBuilder().op(Opcode.OP_RETURN).op(Opcode.OP_DUP).build();
        assertThat(code(f.pool.accept(signed(c.get(4), List.of(toBob(COIN - 1_000), new TxOut(0, returnThenCode))))))
                .isEqualTo("scriptpubkey");
    }

    @Test
    void atMostOneOpReturnOutput() {
        Spendable coin = coins(1).get(0);
        Transaction tx = signed(coin, List.of(toBob(COIN - 1_000), new TxOut(0, StandardScripts.opReturn(new byte[4])),
                new TxOut(0, StandardScripts.opReturn(new byte[4]))));

        AcceptOutcome outcome = f.pool.accept(tx);
        assertThat(code(outcome)).isEqualTo("multi-op-return");
        assertThat(message(outcome)).contains("output 2");
    }

    @Test
    void spendableOutputsBelowTheDustLimitAreRefused() {
        List<Spendable> c = coins(3);
        Script p2pk = StandardScripts.p2pk(BOB.publicKey(f.engine).bytes());

        AcceptOutcome dust = f.pool.accept(signed(c.get(0), List.of(toBob(COIN - 10_000), toBob(545))));
        assertThat(code(dust)).isEqualTo("dust");
        assertThat(message(dust)).contains("output 1 has 545 units, limit 546");
        assertThat(code(f.pool.accept(signed(c.get(1), List.of(toBob(COIN - 10_000), new TxOut(545, p2pk))))))
                .isEqualTo("dust");
        assertThat(f.pool.accept(signed(c.get(2), List.of(toBob(COIN - 10_000), toBob(546))))).isInstanceOf(Accepted.class);
    }

    @Test
    void lockTimeMustHavePassedForTheNextBlock() {
        List<Spendable> c = coins(2);
        long tip = f.chain.tip().height();

        Transaction early = signed(1, List.of(c.get(0)), List.of(toBob(COIN - 1_000)), tip + 1, 0);
        AcceptOutcome outcome = f.pool.accept(early);
        assertThat(code(outcome)).isEqualTo("non-final");
        assertThat(message(outcome)).contains("lock time " + (tip + 1)).contains("height " + (tip + 1));

        Transaction due = signed(1, List.of(c.get(1)), List.of(toBob(COIN - 1_000)), tip, 0);
        assertThat(f.pool.accept(due)).isInstanceOf(Accepted.class);
    }

    @Test
    void transactionsAlreadyInTheChainAreKnown() {
        Spendable coin = coins(1).get(0);
        Transaction tx = f.pay(coin, BOB, Amount.ofUnits(1_000));
        f.submit(f.builder.nextBlock(f.tipBlock()).add(tx).mine());

        assertThat(code(f.pool.accept(tx))).isEqualTo("txn-already-known");
    }

    @Test
    void aSecondSubmissionIsAlreadyKnownAndChangesNothing() {
        Transaction tx = f.pay(coins(1).get(0), BOB, Amount.ofUnits(1_000));
        f.pool.accept(tx);

        AcceptOutcome again = f.pool.accept(tx);

        assertThat(again).isEqualTo(new AlreadyKnown(tx.txid()));
        assertThat(((AlreadyKnown) again).rejection().code()).isEqualTo("txn-already-in-mempool");
        assertThat(f.pool.size()).isEqualTo(1);
    }

    @Test
    void aConflictingSpendIsRefusedAndNamesTheFirstSeen() {
        Spendable coin = coins(1).get(0);
        Transaction first = f.pay(coin, BOB, Amount.ofUnits(1_000));
        Transaction second = f.pay(coin, key(4), Amount.ofUnits(50_000));

        assertThat(f.pool.accept(first)).isInstanceOf(Accepted.class);
        AcceptOutcome outcome = f.pool.accept(second);

        assertThat(code(outcome)).isEqualTo("txn-mempool-conflict");
        assertThat(message(outcome)).contains(first.txid().toString()).contains(coin.outPoint().toString());
        assertThat(f.pool.contains(first.txid())).isTrue();
        assertThat(f.pool.contains(second.txid())).isFalse();
    }

    @Test
    void spendingAnInPoolParentsMissingOutputIsAConsensusFailure() {
        Transaction parent = f.pay(coins(1).get(0), ALICE, Amount.ofUnits(1_000));
        f.pool.accept(parent);
        Spendable noSuchOutput = new Spendable(new io.flint.core.OutPoint(parent.txid(), 5), parent.output(0), ALICE);
        Transaction child = f.builder.tx().spending(noSuchOutput).paying(BOB, Amount.ofUnits(COIN / 2)).sign();

        assertThat(code(f.pool.accept(child))).isEqualTo("bad-txns-inputs-missingorspent");
        assertThat(f.pool.orphanCount()).isZero();
    }

    @Test
    void immatureCoinbasesCannotBeSpent() {
        f.mineEmpty(1);
        Block young = f.mineEmpty(1).get(0);
        Transaction tx = f.pay(f.builder.coinbaseOf(young), BOB, Amount.ofUnits(1_000));

        AcceptOutcome outcome = f.pool.accept(tx);
        assertThat(code(outcome)).isEqualTo("bad-txns-premature-spend-of-coinbase");
    }

    @Test
    void outputsWorthMoreThanInputsAreRefused() {
        Spendable coin = coins(1).get(0);
        assertThat(code(f.pool.accept(signed(coin, List.of(toBob(COIN + 1)))))).isEqualTo("bad-txns-in-belowout");
    }

    @Test
    void theFeeMustMeetTheMinimumRelayRate() {
        List<Spendable> c = coins(2);
        Transaction tx = f.pay(c.get(0), BOB, Amount.ofUnits(200));
        // the signature length depends on what is signed: settle on a fee one unit below the size
        while (tx.size() - 1 != COIN - tx.output(0).value()) {
            tx = f.pay(c.get(0), BOB, Amount.ofUnits(tx.size() - 1));
        }
        AcceptOutcome outcome = f.pool.accept(tx);
        assertThat(code(outcome)).isEqualTo("min relay fee not met");
        assertThat(message(outcome)).contains("fee " + (tx.size() - 1) + " units for " + tx.size() + " bytes");

        Transaction enough = f.pay(c.get(1), BOB, Amount.ofUnits(300));
        assertThat(f.pool.accept(enough)).isInstanceOf(Accepted.class);
    }

    @Test
    void theMinimumRelayRateIsConfigurable() {
        f = new PoolFixture(MempoolConfig.DEFAULTS.withMinRelayFeeRate(5));
        List<Spendable> c = coins(2);
        assertThat(code(f.pool.accept(f.pay(c.get(0), BOB, Amount.ofUnits(4 * 200))))).isEqualTo("min relay fee not met");
        assertThat(f.pool.accept(f.pay(c.get(1), BOB, Amount.ofUnits(5 * 200)))).isInstanceOf(Accepted.class);
    }

    @Test
    void aSignatureThatDoesNotVerifyIsRefused() {
        Spendable coin = coins(1).get(0);
        Transaction honest = signed(coin, List.of(toBob(COIN - 1_000)));
        Transaction tampered = new Transaction(1, honest.inputs(), List.of(toBob(COIN - 900)), 0);

        AcceptOutcome outcome = f.pool.accept(tampered);
        assertThat(code(outcome)).isEqualTo("mandatory-script-verify-flag-failed");
        assertThat(message(outcome)).contains("input 0 of " + tampered.txid());
    }

    @Test
    void chainsOfUnconfirmedTransactionsAreLimitedByAncestors() {
        f = new PoolFixture(MempoolConfig.DEFAULTS.withChainLimits(3, 25));
        Transaction a = f.pay(coins(1).get(0), ALICE, Amount.ofUnits(1_000));
        Transaction b = f.pay(TestChainBuilder.output(a, 0, ALICE), ALICE, Amount.ofUnits(1_000));
        Transaction c = f.pay(TestChainBuilder.output(b, 0, ALICE), ALICE, Amount.ofUnits(1_000));
        Transaction d = f.pay(TestChainBuilder.output(c, 0, ALICE), ALICE, Amount.ofUnits(1_000));

        assertThat(f.pool.accept(a)).isInstanceOf(Accepted.class);
        assertThat(f.pool.accept(b)).isInstanceOf(Accepted.class);
        assertThat(f.pool.accept(c)).isInstanceOf(Accepted.class);
        AcceptOutcome outcome = f.pool.accept(d);
        assertThat(code(outcome)).isEqualTo("too-long-mempool-chain");
        assertThat(message(outcome)).contains("3 unconfirmed ancestors; the limit is 2");
    }

    @Test
    void chainsOfUnconfirmedTransactionsAreLimitedByDescendants() {
        f = new PoolFixture(MempoolConfig.DEFAULTS.withChainLimits(25, 2));
        Transaction parent = f.builder.tx().spending(coins(1).get(0)).paying(ALICE, Amount.ofUnits(COIN / 2))
                .paying(ALICE, Amount.ofUnits(COIN / 2 - 1_000)).sign();
        Transaction first = f.pay(TestChainBuilder.output(parent, 0, ALICE), BOB, Amount.ofUnits(1_000));
        Transaction second = f.pay(TestChainBuilder.output(parent, 1, ALICE), BOB, Amount.ofUnits(1_000));

        f.pool.accept(parent);
        assertThat(f.pool.accept(first)).isInstanceOf(Accepted.class);
        AcceptOutcome outcome = f.pool.accept(second);
        assertThat(code(outcome)).isEqualTo("too-long-mempool-chain");
        assertThat(message(outcome)).contains("ancestor " + parent.txid() + " would have 3 descendants");
    }

    @Test
    void aChildBeforeItsParentWaitsAsAnOrphanAndEntersWithIt() {
        Transaction parent = f.pay(coins(1).get(0), ALICE, Amount.ofUnits(1_000));
        Transaction child = f.pay(TestChainBuilder.output(parent, 0, ALICE), BOB, Amount.ofUnits(1_000));
        Transaction grandchild = f.pay(TestChainBuilder.output(child, 0, BOB), ALICE, Amount.ofUnits(1_000));

        AcceptOutcome early = f.pool.accept(child);
        assertThat(early).isEqualTo(new MissingInputs(child.txid(), List.of(child.input(0).prevout())));
        assertThat(f.pool.accept(grandchild)).isInstanceOf(MissingInputs.class);
        assertThat(f.pool.orphanCount()).isEqualTo(2);
        assertThat(f.pool.contains(child.txid())).isFalse();

        AcceptOutcome outcome = f.pool.accept(parent);

        assertThat(outcome).isEqualTo(new Accepted(parent.txid(), Amount.ofUnits(1_000),
                List.of(child.txid(), grandchild.txid())));
        assertThat(f.pool.entries()).extracting(MempoolEntry::txid)
                .containsExactly(parent.txid(), child.txid(), grandchild.txid());
        assertThat(f.pool.orphanCount()).isZero();
    }

    @Test
    void theOrphanPoolIsBoundedOldestFirst() {
        f = new PoolFixture(MempoolConfig.DEFAULTS.withOrphanLimits(2, 1_000_000, java.time.Duration.ofMinutes(20)));
        List<Transaction> parents = new ArrayList<>();
        List<Transaction> orphans = new ArrayList<>();
        for (Spendable coin : coins(3)) {
            Transaction p = f.pay(coin, ALICE, Amount.ofUnits(1_000));
            parents.add(p);
            orphans.add(f.pay(TestChainBuilder.output(p, 0, ALICE), BOB, Amount.ofUnits(1_000)));
        }
        orphans.forEach(f.pool::accept);
        assertThat(f.pool.orphanCount()).isEqualTo(2);

        assertThat(((Accepted) f.pool.accept(parents.get(0))).promotedOrphans()).isEmpty();
        assertThat(((Accepted) f.pool.accept(parents.get(2))).promotedOrphans()).containsExactly(orphans.get(2).txid());
    }
}
