package io.flint.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.RejectReason;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.consensus.CoinbaseHeight;
import io.flint.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of docs/consensus.md (named by the rule's id; T4, input values out of range,
 * cannot be built from real coins and is tested in flint-core's TxInputRulesTest): a block that breaks only that rule is rejected with the
 * rule's own reason, and the chain stays where it was. Where a rule has a boundary, the block just
 * inside it connects.
 */
class ConsensusRulesTest {
    static final PrivateKey ALICE = TestChainBuilder.key(7);

    ChainFixture f;
    List<Block> base;
    TestChainBuilder builder;

    @BeforeEach
    void setUp() {
        f = new ChainFixture(NetworkParams.REGTEST, new MemoryKeyValueStore());
        builder = f.builder;
        base = f.mine(11);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** A reward that has matured at the next height (12). */
    Spendable reward() {
        return builder.coinbaseOf(base.get(0));
    }

    TestChainBuilder.BlockBuilder next() {
        return builder.nextBlock(f.tipBlock());
    }

    void assertRejected(Block block, RejectReason reason) {
        Hash tipBefore = f.chain.tip().hash();
        BlockOutcome o = f.chain.submitBlock(block);
        assertThat(o).as("outcome").isInstanceOfSatisfying(BlockOutcome.Rejected.class,
                r -> assertThat(r.rejection().reason()).as(r.rejection().message()).isEqualTo(reason));
        assertThat(f.chain.tip().hash()).isEqualTo(tipBefore);
    }

    void assertConnects(Block block) {
        assertThat(f.chain.submitBlock(block)).isInstanceOf(BlockOutcome.Connected.class);
    }

    /** A signed transaction spending the mature reward, 1 coin fee. */
    Transaction spend() {
        return builder.tx().spending(reward()).paying(ALICE, Amount.ofCoins(49)).sign();
    }

    // header rules
    @Test
    void h1HashAboveTheTarget() {
        assertRejected(next().mineHighHash(), RejectReason.HIGH_HASH);
    }

    @Test
    void h1BitsEasierThanTheProofOfWorkLimit() {
        assertRejected(next().bits(0x2100ffffL).mine(), RejectReason.HIGH_HASH);
    }

    @Test
    void h2BitsOtherThanTheRequiredOnes() {
        // harder than required, and the hash meets them: still wrong
        assertRejected(next().bits(0x2000ffffL).mine(), RejectReason.BAD_DIFFBITS);
    }

    @Test
    void h3HeightNotParentPlusOne() {
        assertRejected(next().height(13).mine(), RejectReason.BAD_HEIGHT);
    }

    @Test
    void h4TimestampNotAfterTheMedianTimePast() {
        long mtp = f.chain.tip().medianTimePast();
        assertRejected(next().time(mtp).mine(), RejectReason.TIME_TOO_OLD);
        assertConnects(next().time(mtp + 1).mine());
    }

    @Test
    void h5TimestampTooFarAheadOfTheClock() {
        long latest = f.clock.instant().getEpochSecond() + Duration.ofHours(2).getSeconds();
        Block tooNew = next().time(latest + 1).mine();
        assertRejected(tooNew, RejectReason.TIME_TOO_NEW);
        // not remembered as invalid: once the clock catches up, the same block is fine
        f.clock.advance(Duration.ofSeconds(1));
        assertConnects(tooNew);
    }

    @Test
    void h6BuildingOnAnInvalidBlock() {
        Block bad = next().coinbaseValue(Amount.ofCoins(51)).mine();
        assertRejected(bad, RejectReason.COINBASE_AMOUNT);
        Block child = builder.nextBlock(bad).mine();
        assertRejected(child, RejectReason.BAD_PREVBLK);
        assertRejected(bad, RejectReason.KNOWN_INVALID);
    }

    // block rules
    @Test
    void b1MerkleRootDoesNotMatch() {
        Block b = next().add(spend()).merkleRoot(Hash.twice(new byte[] {1})).mine();
        assertRejected(b, RejectReason.BAD_MERKLE_ROOT);
    }

    @Test
    void b2DuplicateTransactionsThatKeepTheMerkleRoot() {
        Transaction t1 = spend();
        Transaction t2 = builder.tx().spending(TestChainBuilder.output(t1, 0, ALICE))
                .paying(ALICE, Amount.ofCoins(48)).sign();
        Block b = next().add(t1).add(t2).editTransactions(l -> {
            List<Transaction> dup = new ArrayList<>(l);
            dup.add(t2);
            return dup;
        }).mine();
        // the duplicated list has the same root as the honest one (CVE-2012-2459)
        assertThat(b.header().merkleRoot()).isEqualTo(
                io.flint.core.MerkleTree.rootOf(b.transactions().subList(0, 3)).hash());
        assertRejected(b, RejectReason.DUPLICATE_TXIDS);
        // the honest block with the same header is not blocked by that
        assertConnects(new Block(b.header(), b.transactions().subList(0, 3)));
    }

    @Test
    void b3NoTransactionsAtAll() {
        assertRejected(next().editTransactions(l -> List.of()).mine(), RejectReason.BAD_BLOCK_LENGTH);
    }

    @Test
    void b3LargerThanTheMaximumBlockSize() {
        Block big = next().add(spend()).mine();
        NetworkParams p = NetworkParams.REGTEST;
        NetworkParams small = new NetworkParams(p.name(), p.powLimitBits(), p.targetSpacing(), p.retargetWindow(),
                p.retargetingEnabled(), p.maxRetargetFactor(), p.initialSubsidy(), p.halvingInterval(),
                p.coinbaseMaturity(), big.size() - 1, p.maxTxSize(), p.maxFutureBlockTime(), p.medianTimeSpan(),
                p.addressVersion(), p.defaultP2pPort(), p.httpPortOffset(), p.genesis());
        try (ChainFixture g = new ChainFixture(small, new MemoryKeyValueStore())) {
            g.submitAll(base);
            assertThat(g.chain.tip().hash()).isEqualTo(f.chain.tip().hash());
            BlockOutcome o = g.chain.submitBlock(big);
            assertThat(o).isInstanceOfSatisfying(BlockOutcome.Rejected.class,
                    r -> assertThat(r.rejection().reason()).isEqualTo(RejectReason.BAD_BLOCK_LENGTH));
        }
        assertConnects(big);
    }

    @Test
    void b4FirstTransactionIsNotACoinbase() {
        Block b = next().add(spend()).editTransactions(l -> l.subList(1, l.size())).mine();
        assertRejected(b, RejectReason.COINBASE_MISSING);
    }

    @Test
    void b5ASecondCoinbase() {
        Transaction another = new Transaction(1, List.of(new TxIn(OutPoint.NULL,
                CoinbaseHeight.scriptSig(12, "again".getBytes(StandardCharsets.US_ASCII)), TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(Amount.ZERO, TestChainBuilder.p2pkh(ALICE))), 0);
        assertRejected(next().add(another).mine(), RejectReason.COINBASE_MULTIPLE);
    }

    @Test
    void b6ATransactionThatFailsItsOwnChecks() {
        Transaction negative = builder.tx().spending(reward()).payingUnits(TestChainBuilder.p2pkh(ALICE), -1).sign();
        assertRejected(next().add(negative).mine(), RejectReason.TX_OUTPUT_NEGATIVE);
    }

    @Test
    void b8CoinbaseWithoutTheHeight() {
        Block b = next().coinbaseScriptSig(CoinbaseHeight.scriptSig(13, new byte[] {1, 2})).mine();
        assertRejected(b, RejectReason.COINBASE_HEIGHT);
    }

    @Test
    void b7ANonFinalTransaction() {
        Transaction byHeight = builder.tx().spending(reward()).paying(ALICE, Amount.ofCoins(49))
                .lockTime(12).sequence(0).sign();
        assertRejected(next().add(byHeight).mine(), RejectReason.TX_NON_FINAL);
        long mtp = f.chain.tip().medianTimePast();
        Transaction byTime = builder.tx().spending(reward()).paying(ALICE, Amount.ofCoins(49))
                .lockTime(mtp).sequence(0).sign();
        assertRejected(next().add(byTime).mine(), RejectReason.TX_NON_FINAL);
        // a lock time below the height is final
        Transaction ok = builder.tx().spending(reward()).paying(ALICE, Amount.ofCoins(49))
                .lockTime(11).sequence(0).sign();
        assertConnects(next().add(ok).mine());
    }

    @Test
    void b9CoinbasePaysMoreThanSubsidyPlusFees() {
        Transaction t = spend();
        assertRejected(next().add(t).coinbaseValue(Amount.ofUnits(Amount.ofCoins(51).units() + 1)).mine(),
                RejectReason.COINBASE_AMOUNT);
        assertConnects(next().add(t).coinbaseValue(Amount.ofCoins(51)).mine());
    }

    // transaction rules
    @Test
    void t1AnInputThatDoesNotExist() {
        Spendable ghost = new Spendable(new OutPoint(Hash.twice(new byte[] {9}), 0), reward().output(),
                builder.minerKey());
        assertRejected(next().spending(ghost).paying(ALICE, Amount.ofCoins(1)).mine(),
                RejectReason.TX_MISSING_INPUTS);
    }

    @Test
    void t1AnInputSpentByAnEarlierBlockOfTheBranch() {
        assertConnects(next().add(spend()).mine());
        Transaction again = builder.tx().spending(reward()).paying(ALICE, Amount.ofCoins(48)).sign();
        assertRejected(next().add(again).mine(), RejectReason.TX_MISSING_INPUTS);
    }

    @Test
    void t2TheSameOutputSpentTwiceInOneBlock() {
        Transaction a = spend();
        Transaction b = builder.tx().spending(reward()).paying(ALICE, Amount.ofCoins(48)).sign();
        assertRejected(next().add(a).add(b).mine(), RejectReason.TX_DOUBLE_SPEND_IN_BLOCK);
    }

    @Test
    void t2SpendingAnOutputOfAnEarlierTransactionOfTheSameBlockIsFine() {
        Transaction a = spend();
        Transaction b = builder.tx().spending(TestChainBuilder.output(a, 0, ALICE))
                .paying(ALICE, Amount.ofCoins(48)).sign();
        assertConnects(next().add(a).add(b).mine());
    }

    @Test
    void t6AScriptThatDoesNotVerify() {
        Transaction signed = spend();
        // changing an output after signing breaks the signature, nothing else
        Transaction altered = new Transaction(signed.version(), signed.inputs(),
                List.of(new TxOut(Amount.ofCoins(48), TestChainBuilder.p2pkh(ALICE))), signed.lockTime());
        assertRejected(next().add(altered).mine(), RejectReason.TX_SCRIPT_FAILED);
    }

    @Test
    void t5OutputsWorthMoreThanTheInputs() {
        Transaction t = builder.tx().spending(reward())
                .payingUnits(TestChainBuilder.p2pkh(ALICE), Amount.ofCoins(50).units() + 1).sign();
        assertRejected(next().add(t).mine(), RejectReason.TX_INPUTS_BELOW_OUTPUTS);
    }

    @Test
    void b6AnOutputAboveTheMoneySupply() {
        Transaction t = builder.tx().spending(reward())
                .payingUnits(TestChainBuilder.p2pkh(ALICE), Amount.MAX_MONEY_UNITS + 1).sign();
        assertRejected(next().add(t).mine(), RejectReason.TX_OUTPUT_TOO_LARGE);
    }

    @Test
    void t3ACoinbaseSpentBeforeItMatures() {
        // next height 12: the reward of height 3 has 9 confirmations, that of height 2 has 10
        Spendable young = builder.coinbaseOf(base.get(2));
        assertRejected(next().spending(young).paying(ALICE, Amount.ofCoins(49)).mine(),
                RejectReason.TX_PREMATURE_COINBASE_SPEND);
        Spendable mature = builder.coinbaseOf(base.get(1));
        assertConnects(next().spending(mature).paying(ALICE, Amount.ofCoins(49)).mine());
    }
}
