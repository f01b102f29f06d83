package io.flint.chain;

import static io.flint.chain.ChainFixture.RecordingListener.connected;
import static io.flint.chain.ChainFixture.RecordingListener.disconnectedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.chain.store.Column;
import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.MetaKeys;
import io.flint.chain.store.StoreBatch;
import io.flint.chain.store.StoreException;
import io.flint.chain.store.StoredHeader;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.ProofOfWork;
import io.flint.core.RejectReason;
import io.flint.core.Transaction;
import io.flint.core.TxOut;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1Engines;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chain's behaviour over a store: connecting, spending, reorganisations, orphans, headers
 * first, restart and the address index. Every {@link KeyValueStore} implementation runs all of it.
 */
abstract class ChainStateContract {
    static final PrivateKey ALICE = TestChainBuilder.key(7);
    static final PrivateKey BOB = TestChainBuilder.key(8);

    ChainFixture f;

    /** A new empty store. */
    protected abstract KeyValueStore newStore();

    /** The same data as {@code store}, as a restarted node would see it (the old store may be closed). */
    protected abstract KeyValueStore reopen(KeyValueStore store);

    @BeforeEach
    void setUp() {
        f = new ChainFixture(NetworkParams.REGTEST, newStore());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private byte[] hash160(PrivateKey key) {
        return key.publicKey().hash160();
    }

    private void assertConsistent() {
        ChainVerifier.Report r = f.verify();
        assertThat(r.matches()).as(r.describe()).isTrue();
        assertThat(r.tip()).isEqualTo(f.chain.tip().hash());
    }

    @Test
    void anEmptyStoreStartsAtTheGenesisBlock() {
        assertThat(f.chain.tip().hash()).isEqualTo(NetworkParams.REGTEST.genesisHash());
        assertThat(f.chain.height()).isZero();
        assertThat(f.chain.blockAt(0)).contains(NetworkParams.REGTEST.genesis());
        assertConsistent();
    }

    @Test
    void blocksConnectAndTheirSpendsMoveCoins() {
        List<Block> blocks = f.mine(11);
        Spendable reward = f.builder.coinbaseOf(blocks.get(0));
        Block b = f.builder.nextBlock(f.tipBlock()).spending(reward)
                .paying(ALICE, Amount.ofCoins(20)).paying(BOB, Amount.ofCoins(29)).mine();

        BlockOutcome o = f.chain.submitBlock(b);

        assertThat(o).isInstanceOf(BlockOutcome.Connected.class);
        assertThat(f.chain.tip().hash()).isEqualTo(b.hash());
        assertThat(f.chain.height()).isEqualTo(12);
        Transaction spend = b.transactions().get(1);
        assertThat(f.chain.coin(reward.outPoint())).isEmpty();
        assertThat(f.chain.coin(new OutPoint(spend.txid(), 0)).orElseThrow().output().value())
                .isEqualTo(Amount.ofCoins(20).units());
        // the block's coinbase collects the 1-coin fee
        assertThat(f.chain.coin(new OutPoint(b.transactions().get(0).txid(), 0)).orElseThrow().output().value())
                .isEqualTo(Amount.ofCoins(51).units());
        assertThat(f.chain.addressUtxos(hash160(ALICE))).extracting(AddressUtxo::outPoint)
                .containsExactly(new OutPoint(spend.txid(), 0));
        assertThat(f.chain.addressHistory(hash160(ALICE), 10)).containsExactly(
                new AddressHistoryEntry(spend.txid(), 12, true, false));
        assertThat(f.chain.addressHistory(hash160(f.builder.minerKey()), 100))
                .filteredOn(e -> e.txid().equals(spend.txid())).singleElement()
                .satisfies(e -> assertThat(e.spent()).isTrue());
        assertThat(f.events.log).hasSize(12).last().isEqualTo(connected(b));
        assertConsistent();
    }

    @Test
    void aBlockSentTwiceIsADuplicate() {
        Block b = f.mine(1).get(0);
        assertThat(f.chain.submitBlock(b)).isInstanceOf(BlockOutcome.Duplicate.class);
        assertThat(f.events.log).hasSize(1);
    }

    /**
     * Main branch: {@code depth} blocks after the fork, the first spending a reward to Alice.
     * Competing branch: {@code depth + 1} blocks. The last one makes the node switch.
     */
    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 3, 20})
    void aBranchWithMoreWorkReorganisesAndTheUtxoSetMatchesARebuild(int depth) {
        List<Block> base = f.mine(11);
        Block fork = f.tipBlock();
        Spendable reward = f.builder.coinbaseOf(base.get(0));
        List<Block> main = new ArrayList<>();
        main.add(f.builder.nextBlock(fork).spending(reward).paying(ALICE, Amount.ofCoins(50)).mine());
        main.addAll(f.builder.extend(main.get(0), depth - 1));
        assertThat(f.submitAll(main)).allMatch(o -> o instanceof BlockOutcome.Connected);
        Transaction abandoned = main.get(0).transactions().get(1);
        f.events.log.clear();

        List<Block> side = f.builder.extend(fork, depth + 1);
        List<BlockOutcome> outcomes = f.submitAll(side);

        assertThat(outcomes.subList(0, depth)).allMatch(o -> o instanceof BlockOutcome.SideBranch);
        BlockOutcome last = outcomes.get(depth);
        assertThat(last).isInstanceOf(BlockOutcome.Reorganized.class);
        BlockOutcome.Reorganized r = (BlockOutcome.Reorganized) last;
        assertThat(r.disconnected()).containsExactlyElementsOf(reversed(main));
        assertThat(r.connected()).containsExactlyElementsOf(side);
        assertThat(f.chain.tip().hash()).isEqualTo(side.get(depth).hash());
        List<String> expected = new ArrayList<>();
        reversed(main).forEach(b -> expected.add(disconnectedEvent(b)));
        side.forEach(b -> expected.add(connected(b)));
        assertThat(f.events.log).containsExactlyElementsOf(expected);
        assertThat(f.events.disconnected.get(depth - 1).transactions()).contains(abandoned);
        // the abandoned spend is undone: the reward is back, Alice has nothing
        assertThat(f.chain.coin(reward.outPoint())).isPresent();
        assertThat(f.chain.coin(new OutPoint(abandoned.txid(), 0))).isEmpty();
        assertThat(f.chain.addressUtxos(hash160(ALICE))).isEmpty();
        assertThat(f.chain.addressHistory(hash160(ALICE), 10)).isEmpty();
        assertThat(f.chain.headerInfo(main.get(0).hash()).orElseThrow().onBestChain()).isFalse();
        assertConsistent();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> r = new ArrayList<>(list);
        Collections.reverse(r);
        return r;
    }

    @Test
    void aCompetingBlockWithEqualWorkDoesNotReorganise() {
        Block parent = f.mine(2).get(1);
        Block first = f.builder.nextBlock(parent).mine();
        Block second = f.builder.nextBlock(parent).mine();

        assertThat(f.chain.submitBlock(first)).isInstanceOf(BlockOutcome.Connected.class);
        assertThat(f.chain.submitBlock(second)).as("a fork: its branch has no more work than the tip")
                .isEqualTo(new BlockOutcome.SideBranch(second.hash(), false));

        assertThat(f.chain.tip().hash()).isEqualTo(first.hash());
        assertThat(f.chain.hasBlock(second.hash())).isTrue();
        // the side block is kept: one more block on it switches
        Block third = f.builder.nextBlock(second).mine();
        assertThat(f.chain.submitBlock(third)).isInstanceOf(BlockOutcome.Reorganized.class);
        assertConsistent();
    }

    @Test
    void aLongerBranchWhoseSecondBlockIsInvalidLeavesTheOldTipIntact() {
        List<Block> base = f.mine(12);
        Block fork = base.get(9);
        Block tipBefore = f.tipBlock();
        ChainVerifier.Report before = f.verify();
        f.events.log.clear();
        Block b1 = f.builder.nextBlock(fork).spending(f.builder.coinbaseOf(base.get(0)))
                .paying(ALICE, Amount.ofCoins(50)).mine();
        // spends an output that exists nowhere: only connecting finds out
        Spendable ghost = new Spendable(new OutPoint(Hash.of(new byte[32]), 5),
                b1.transactions().get(1).output(0), ALICE);
        Block b2 = f.builder.nextBlock(b1).spending(ghost).paying(BOB, Amount.ofCoins(1)).mine();
        Block b3 = f.builder.nextBlock(b2).mine();
        Block b4 = f.builder.nextBlock(b3).mine();

        assertThat(f.chain.submitBlock(b1)).isInstanceOf(BlockOutcome.SideBranch.class);
        assertThat(f.chain.submitBlock(b2)).isInstanceOf(BlockOutcome.SideBranch.class);
        BlockOutcome o3 = f.chain.submitBlock(b3);
        BlockOutcome o4 = f.chain.submitBlock(b4);

        assertThat(o3).isInstanceOf(BlockOutcome.Rejected.class);
        assertThat(o4).isInstanceOfSatisfying(BlockOutcome.Rejected.class,
                r -> assertThat(r.rejection().reason()).isEqualTo(RejectReason.BAD_PREVBLK));
        assertThat(f.chain.tip().hash()).isEqualTo(tipBefore.hash());
        assertThat(f.events.log).isEmpty();
        assertThat(f.chain.headerInfo(b2.hash()).orElseThrow().invalid()).isTrue();
        assertThat(f.chain.headerInfo(b1.hash()).orElseThrow().invalid()).isFalse();
        ChainVerifier.Report after = f.verify();
        assertThat(after.storedUtxoHash()).isEqualTo(before.storedUtxoHash());
        assertConsistent();
        // sent again, it is refused at once
        assertThat(f.chain.submitBlock(b3)).isInstanceOfSatisfying(BlockOutcome.Rejected.class,
                r -> assertThat(r.rejection().reason()).isEqualTo(RejectReason.KNOWN_INVALID));
    }

    @Test
    void inABranchTheFirstFailingBlockIsTheOneMarkedEvenWhenALaterOneFailsFirst() {
        List<Block> base = f.mine(13);
        Block fork = base.get(10);
        Block b1 = f.builder.nextBlock(fork).mine();
        // b2's signature is broken (found by the parallel checks); b3 spends nothing that exists
        // (found at once): b2 must be blamed
        Transaction signed = f.builder.tx().spending(f.builder.coinbaseOf(base.get(0)))
                .paying(ALICE, Amount.ofCoins(50)).sign();
        Transaction broken = new Transaction(1, signed.inputs(),
                List.of(new TxOut(Amount.ofCoins(49), TestChainBuilder.p2pkh(ALICE))), 0);
        Block b2 = f.builder.nextBlock(b1).add(broken).mine();
        Spendable ghost = new Spendable(new OutPoint(Hash.twice(new byte[] {3}), 0), signed.output(0), ALICE);
        Block b3 = f.builder.nextBlock(b2).spending(ghost).paying(BOB, Amount.ofCoins(1)).mine();
        Block b4 = f.builder.nextBlock(b3).mine();
        f.submitAll(List.of(b1, b2, b3));

        assertThat(f.chain.submitBlock(b4)).isInstanceOf(BlockOutcome.Rejected.class);

        assertThat(f.chain.tip().hash()).isEqualTo(base.get(12).hash());
        assertThat(f.chain.headerInfo(b1.hash()).orElseThrow().invalid()).isFalse();
        assertThat(f.chain.submitBlock(b2)).isInstanceOfSatisfying(BlockOutcome.Rejected.class, r ->
                assertThat(r.rejection().detail()).contains(RejectReason.TX_SCRIPT_FAILED.code()));
        assertThat(f.chain.submitBlock(b3)).isInstanceOfSatisfying(BlockOutcome.Rejected.class, r ->
                assertThat(r.rejection().reason()).isEqualTo(RejectReason.KNOWN_INVALID));
        assertConsistent();
    }

    @Test
    void blocksDeliveredInReverseOrderAllConnectWhenTheFirstArrives() {
        List<Block> blocks = f.builder.extend(f.builder.genesis(), 6);
        for (int i = 5; i >= 1; i--) {
            assertThat(f.chain.submitBlock(blocks.get(i))).isInstanceOf(BlockOutcome.Orphan.class);
        }
        assertThat(f.chain.orphans()).hasSize(5);

        assertThat(f.chain.submitBlock(blocks.get(0))).isInstanceOf(BlockOutcome.Connected.class);

        assertThat(f.chain.tip().hash()).isEqualTo(blocks.get(5).hash());
        assertThat(f.chain.orphans()).isEmpty();
        assertThat(f.events.log).containsExactlyElementsOf(blocks.stream().map(ChainFixture.RecordingListener::connected).toList());
        assertConsistent();
    }

    @Test
    void headersFirstThenBlocksInAnyOrder() {
        List<Block> blocks = f.builder.extend(f.builder.genesis(), 5);
        List<BlockHeader> headers = blocks.stream().map(Block::header).toList();

        HeadersOutcome h = f.chain.submitHeaders(headers);

        assertThat(h).isEqualTo(new HeadersOutcome.Accepted(5, blocks.stream().map(Block::hash).toList()));
        assertThat(f.chain.bestHeader().hash()).isEqualTo(blocks.get(4).hash());
        assertThat(f.chain.submitBlock(blocks.get(2))).as("stored ahead of its parents, not a fork")
                .isEqualTo(new BlockOutcome.SideBranch(blocks.get(2).hash(), true));
        assertThat(f.chain.missingBlocks(10)).containsExactly(blocks.get(0).hash(), blocks.get(1).hash(),
                blocks.get(3).hash(), blocks.get(4).hash());
        assertThat(f.chain.submitBlock(blocks.get(0))).isInstanceOf(BlockOutcome.Connected.class);
        BlockOutcome o = f.chain.submitBlock(blocks.get(1));
        assertThat(o).isInstanceOfSatisfying(BlockOutcome.Connected.class,
                c -> assertThat(c.connected()).containsExactly(blocks.get(1), blocks.get(2)));
        f.submitAll(blocks.subList(3, 5));
        assertThat(f.chain.tip().hash()).isEqualTo(blocks.get(4).hash());
        assertThat(f.chain.missingBlocks(10)).isEmpty();
        assertThat(f.chain.submitHeaders(headers)).isEqualTo(new HeadersOutcome.Accepted(0, List.of()));
        assertThat(f.chain.headers(1, 3)).containsExactlyElementsOf(headers.subList(0, 3));
    }

    /**
     * Two blocks at the same height: the header of one arrives first (the best header, first seen
     * on a tie), then the other block itself connects. The first one's block is not needed: with
     * no more work it could not become the best chain, and waiting for it kept nodes "syncing".
     */
    @Test
    void aCompetingHeaderWithNoMoreWorkThanTheTipIsNotAMissingBlock() {
        Block genesis = f.builder.genesis();
        Block ours = f.builder.nextBlock(genesis).mine();
        Block theirs = f.builder.nextBlock(genesis).time(ours.header().timestamp() + 1).mine();
        assertThat(f.chain.submitHeaders(List.of(theirs.header()))).isInstanceOf(HeadersOutcome.Accepted.class);
        assertThat(f.chain.missingBlocks(10)).containsExactly(theirs.hash());

        assertThat(f.chain.submitBlock(ours)).isInstanceOf(BlockOutcome.Connected.class);

        assertThat(f.chain.bestHeader().hash()).as("first seen on a tie").isEqualTo(theirs.hash());
        assertThat(f.chain.missingBlocks(10)).isEmpty();
        // one more block on their side has more work: now its blocks are wanted
        Block next = f.builder.nextBlock(theirs).mine();
        f.chain.submitHeaders(List.of(next.header()));
        assertThat(f.chain.missingBlocks(10)).containsExactly(theirs.hash(), next.hash());
    }

    @Test
    void aLongStoredRunConnectsInBoundedStepsWhenItsFirstBlockArrives() {
        int n = ChainState.MAX_BLOCKS_PER_SWITCH * 2 + 30;
        List<Block> blocks = f.builder.extend(f.builder.genesis(), n);
        assertThat(f.chain.submitHeaders(blocks.stream().map(Block::header).toList()))
                .isInstanceOf(HeadersOutcome.Accepted.class);
        for (Block b : blocks.subList(1, n)) {
            assertThat(f.chain.submitBlock(b)).isInstanceOf(BlockOutcome.SideBranch.class);
        }

        BlockOutcome o = f.chain.submitBlock(blocks.get(0));

        assertThat(o).isInstanceOfSatisfying(BlockOutcome.Connected.class,
                c -> assertThat(c.connected()).containsExactlyElementsOf(blocks));
        assertThat(f.chain.tip().hash()).isEqualTo(blocks.get(n - 1).hash());
        assertThat(f.events.log).hasSize(n);
        assertConsistent();
    }

    @Test
    void aStoredRunSpendingItsOwnOutputsConnectsBlockByBlockAndMatchesARebuild() {
        List<Block> base = f.mine(11);
        Block b1 = f.builder.nextBlock(f.tipBlock()).spending(f.builder.coinbaseOf(base.get(0)))
                .paying(ALICE, Amount.ofCoins(30)).paying(BOB, Amount.ofCoins(20)).mine();
        Transaction t1 = b1.transactions().get(1);
        // each block spends what the one before it created, before that one is written
        Block b2 = f.builder.nextBlock(b1).spending(TestChainBuilder.output(t1, 0, ALICE))
                .paying(BOB, Amount.ofCoins(29)).mine();
        Transaction t2 = b2.transactions().get(1);
        Block b3 = f.builder.nextBlock(b2).spending(TestChainBuilder.output(t2, 0, BOB))
                .spending(TestChainBuilder.output(t1, 1, BOB)).paying(ALICE, Amount.ofCoins(48)).mine();
        Block b4 = f.builder.nextBlock(b3).mine();
        List<Block> run = List.of(b1, b2, b3, b4);
        f.events.log.clear();

        assertThat(submitAsStoredRun(run)).isInstanceOfSatisfying(BlockOutcome.Connected.class,
                c -> assertThat(c.connected()).containsExactlyElementsOf(run));

        assertThat(f.chain.tip().hash()).isEqualTo(b4.hash());
        assertThat(f.events.log).containsExactlyElementsOf(run.stream().map(ChainFixture.RecordingListener::connected).toList());
        assertThat(f.chain.addressUtxos(hash160(ALICE))).singleElement().satisfies(u -> {
            assertThat(u.outPoint()).isEqualTo(new OutPoint(b3.transactions().get(1).txid(), 0));
            assertThat(u.coin().output().value()).isEqualTo(Amount.ofCoins(48).units());
        });
        assertThat(f.chain.addressUtxos(hash160(BOB))).isEmpty();
        assertConsistent();
    }

    /**
     * Catching up: the run's headers, then its blocks last to first (each waits for its parent),
     * then the first, whose outcome is returned: it connects the run in one switch.
     */
    private BlockOutcome submitAsStoredRun(List<Block> run) {
        f.chain.submitHeaders(run.stream().map(Block::header).toList());
        for (int i = run.size() - 1; i >= 1; i--) {
            assertThat(f.chain.submitBlock(run.get(i))).isInstanceOf(BlockOutcome.SideBranch.class);
        }
        return f.chain.submitBlock(run.get(0));
    }

    /** Where a block of a stored run is found invalid: by the parallel script checks, or by the input rules. */
    enum Breakage { BROKEN_SIGNATURE, MISSING_INPUT }

    @ParameterizedTest
    @EnumSource(Breakage.class)
    void aStoredRunStopsAtItsFirstInvalidBlockWithTheBlocksBeforeItConnected(Breakage breakage) {
        List<Block> base = f.mine(12);
        Block b1 = f.builder.nextBlock(f.tipBlock()).spending(f.builder.coinbaseOf(base.get(0)))
                .paying(ALICE, Amount.ofCoins(50)).mine();
        Block b2 = f.builder.nextBlock(b1).mine();
        Transaction signed = f.builder.tx().spending(f.builder.coinbaseOf(base.get(1)))
                .paying(ALICE, Amount.ofCoins(50)).sign();
        Block b3 = switch (breakage) {
            case BROKEN_SIGNATURE -> f.builder.nextBlock(b2).add(new Transaction(1, signed.inputs(),
                    List.of(new TxOut(Amount.ofCoins(49), TestChainBuilder.p2pkh(ALICE))), 0)).mine();
            case MISSING_INPUT -> f.builder.nextBlock(b2).spending(new Spendable(
                    new OutPoint(Hash.twice(new byte[] {9}), 0), signed.output(0), ALICE)).paying(BOB, Amount.ofCoins(1)).mine();
        };
        Block b4 = f.builder.nextBlock(b3).mine();
        List<Block> run = List.of(b1, b2, b3, b4);
        f.events.log.clear();

        assertThat(submitAsStoredRun(run)).isInstanceOfSatisfying(BlockOutcome.Connected.class,
                c -> assertThat(c.connected()).containsExactly(b1, b2));

        assertThat(f.chain.tip().hash()).isEqualTo(b2.hash());
        assertThat(f.events.log).containsExactly(connected(b1), connected(b2));
        assertThat(f.chain.headerInfo(b3.hash()).orElseThrow().invalid()).isTrue();
        assertThat(f.chain.headerInfo(b4.hash()).orElseThrow().invalid()).isTrue();
        assertThat(f.chain.addressUtxos(hash160(ALICE))).singleElement()
                .satisfies(u -> assertThat(u.outPoint().txid()).isEqualTo(b1.transactions().get(1).txid()));
        assertConsistent();
        f.store = reopen(f.store);
        f.open();
        assertThat(f.chain.tip().hash()).isEqualTo(b2.hash());
        assertConsistent();
    }

    @Test
    void aStoreOfAnotherNetworkIsRefusedNamingItsNetwork() {
        f.mine(2);

        assertThatThrownBy(() -> ChainState.open(f.store, NetworkParams.DEMO, f.clock, f.pool, Secp256k1Engines.best()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("holds the regtest chain, not demo (give --network regtest or FLINT_NETWORK=regtest, or "
                        + "another data directory)");
    }

    @Test
    void headersThatDoNotLinkAreRefused() {
        List<Block> blocks = f.builder.extend(f.builder.genesis(), 3);
        assertThat(f.chain.submitHeaders(List.of(blocks.get(1).header(), blocks.get(2).header())))
                .isEqualTo(new HeadersOutcome.Unconnected(blocks.get(0).hash()));
        assertThat(f.chain.submitHeaders(List.of(blocks.get(0).header(), blocks.get(2).header())))
                .isInstanceOfSatisfying(HeadersOutcome.Rejected.class, r ->
                        assertThat(r.rejection().reason()).isEqualTo(RejectReason.HEADERS_NOT_CONTINUOUS));
        Block badBits = f.builder.nextBlock(blocks.get(0)).bits(0x2000ffffL).mine();
        assertThat(f.chain.submitHeaders(List.of(blocks.get(0).header(), badBits.header())))
                .isInstanceOfSatisfying(HeadersOutcome.Rejected.class, r -> {
                    assertThat(r.rejection().reason()).isEqualTo(RejectReason.BAD_DIFFBITS);
                    assertThat(r.added()).isEqualTo(1);
                });
    }

    @Test
    void aRestartKeepsTipHeaderIndexUtxoSetAndAddressIndex() {
        List<Block> base = f.mine(11);
        Block spend = f.builder.nextBlock(f.tipBlock()).spending(f.builder.coinbaseOf(base.get(0)))
                .paying(ALICE, Amount.ofCoins(30)).paying(BOB, Amount.ofCoins(20)).mine();
        f.chain.submitBlock(spend);
        Block side = f.builder.nextBlock(base.get(10)).mine();
        assertThat(f.chain.submitBlock(side)).isInstanceOf(BlockOutcome.SideBranch.class);
        ChainTip tip = f.chain.tip();
        List<AddressUtxo> alice = f.chain.addressUtxos(hash160(ALICE));
        List<AddressHistoryEntry> history = f.chain.addressHistory(hash160(f.builder.minerKey()), 100);
        ChainVerifier.Report report = f.verify();

        f.store = reopen(f.store);
        f.open();

        assertThat(f.chain.tip()).isEqualTo(tip);
        assertThat(f.chain.headerInfo(side.hash())).hasValueSatisfying(i -> {
            assertThat(i.haveBlock()).isTrue();
            assertThat(i.onBestChain()).isFalse();
        });
        // the tips are found again from the stored headers: a fork seen before a restart is still listed
        assertThat(f.chain.tips(100)).containsExactly(
                new BranchTip(spend.height(), spend.hash(), 0, BranchTip.Status.ACTIVE),
                new BranchTip(side.height(), side.hash(), 1, BranchTip.Status.VALID_FORK));
        assertThat(f.chain.addressUtxos(hash160(ALICE))).isEqualTo(alice).hasSize(1);
        assertThat(f.chain.addressHistory(hash160(f.builder.minerKey()), 100)).isEqualTo(history);
        assertThat(f.verify()).isEqualTo(report);
        assertThat(report.matches()).isTrue();
        // and it goes on from there
        Block next = f.builder.nextBlock(spend).mine();
        assertThat(f.chain.submitBlock(next)).isInstanceOf(BlockOutcome.Connected.class);
    }

    @Test
    void onOpenABetterStoredChainIsActivated() {
        List<Block> base = f.mine(3);
        // as if the node died after storing a block and before connecting it
        Block next = f.builder.nextBlock(base.get(2)).mine();
        StoredHeader parent = StoredHeader.decode(f.store.get(Column.HEADERS, base.get(2).hash().toBytes()));
        f.store.write(new StoreBatch()
                .put(Column.BLOCKS, next.hash().toBytes(), next.serialize())
                .put(Column.HEADERS, next.hash().toBytes(), new StoredHeader(next.header(),
                        parent.chainWork().add(ProofOfWork.work(next.header().bits())), StoredHeader.HAVE_DATA).encode()));

        f.store = reopen(f.store);
        f.open();

        assertThat(f.chain.tip().hash()).isEqualTo(next.hash());
        assertConsistent();
    }

    @Test
    void theTipReportsItsDifficulty() {
        f.mine(1);
        assertThat(f.chain.tip().difficultyBits()).isEqualTo(ProofOfWork.difficultyBits(NetworkParams.REGTEST.powLimitBits()));
        assertThat(f.chain.tip().nextDifficultyBits()).isEqualTo(f.chain.tip().difficultyBits());
    }

    @Test
    void aPayToPublicKeyOutputIsIndexedUnderTheKeysHash() {
        List<Block> base = f.mine(11);
        Block b = f.builder.nextBlock(f.tipBlock()).spending(f.builder.coinbaseOf(base.get(0)))
                .paying(StandardScripts.p2pk(ALICE.publicKey().bytes()), Amount.ofCoins(50)).mine();
        f.chain.submitBlock(b);
        assertThat(f.chain.addressUtxos(hash160(ALICE))).singleElement()
                .satisfies(u -> assertThat(u.coin().output().value()).isEqualTo(Amount.ofCoins(50).units()));
        // and a P2PK output can be spent
        Block c = f.builder.nextBlock(b).spending(TestChainBuilder.output(b.transactions().get(1), 0, ALICE))
                .paying(BOB, Amount.ofCoins(49)).mine();
        assertThat(f.chain.submitBlock(c)).isInstanceOf(BlockOutcome.Connected.class);
        assertThat(f.chain.addressUtxos(hash160(ALICE))).isEmpty();
        assertConsistent();
    }

    @Test
    void everyTransactionOfTheBestChainIsFoundByTxid() {
        List<Block> base = f.mine(11);
        Block b = f.builder.nextBlock(f.tipBlock()).spending(f.builder.coinbaseOf(base.get(0)))
                .paying(ALICE, Amount.ofCoins(49)).mine();
        f.chain.submitBlock(b);
        Transaction spend = b.transactions().get(1);

        assertThat(f.chain.transaction(spend.txid())).hasValueSatisfying(c -> {
            assertThat(c.tx()).isEqualTo(spend);
            assertThat(c.blockHash()).isEqualTo(b.hash());
            assertThat(c.height()).isEqualTo(12);
            assertThat(c.index()).isEqualTo(1);
        });
        Transaction genesisCoinbase = NetworkParams.REGTEST.genesis().transactions().get(0);
        assertThat(f.chain.transaction(genesisCoinbase.txid())).hasValueSatisfying(c -> assertThat(c.height()).isZero());
        assertThat(f.chain.transaction(base.get(4).transactions().get(0).txid()))
                .hasValueSatisfying(c -> assertThat(c.blockHash()).isEqualTo(base.get(4).hash()));
        assertThat(f.chain.transaction(Hash.ZERO)).isEmpty();
    }

    @Test
    void aReorganisationMovesTheTxidIndexToTheNewBranch() {
        List<Block> base = f.mine(12);
        Block fork = f.tipBlock();
        Transaction both = f.builder.tx().spending(f.builder.coinbaseOf(base.get(0))).paying(ALICE, Amount.ofCoins(49)).sign();
        Transaction onlyMain = f.builder.tx().spending(f.builder.coinbaseOf(base.get(1))).paying(BOB, Amount.ofCoins(49)).sign();
        Block main = f.builder.nextBlock(fork).add(both).add(onlyMain).mine();
        assertThat(f.chain.submitBlock(main)).isInstanceOf(BlockOutcome.Connected.class);
        assertThat(f.chain.transaction(onlyMain.txid())).isPresent();

        Block side1 = f.builder.nextBlock(fork).mine();
        Block side2 = f.builder.nextBlock(side1).add(both).mine();
        f.chain.submitBlock(side1);
        assertThat(f.chain.submitBlock(side2)).isInstanceOf(BlockOutcome.Reorganized.class);

        assertThat(f.chain.transaction(onlyMain.txid())).isEmpty();
        assertThat(f.chain.transaction(main.transactions().get(0).txid())).isEmpty();
        assertThat(f.chain.transaction(both.txid())).hasValueSatisfying(c -> {
            assertThat(c.blockHash()).isEqualTo(side2.hash());
            assertThat(c.height()).isEqualTo(14);
        });
        assertThat(f.chain.transaction(side1.transactions().get(0).txid())).isPresent();
    }

    @Test
    void aStoreWithoutTheTxidIndexGetsItBuiltOnOpen() {
        List<Block> blocks = f.mine(5);
        // as a store written before the index existed: no TX rows, no marker
        StoreBatch strip = new StoreBatch().delete(Column.META, MetaKeys.txIndex());
        f.store.scan(Column.TX, new byte[0], (k, v) -> {
            strip.delete(Column.TX, k);
            return true;
        });
        f.store.write(strip);
        assertThat(f.chain.transaction(blocks.get(2).transactions().get(0).txid())).isEmpty();

        f.store = reopen(f.store);
        f.open();

        for (Block b : blocks) {
            assertThat(f.chain.transaction(b.transactions().get(0).txid()))
                    .hasValueSatisfying(c -> assertThat(c.blockHash()).isEqualTo(b.hash()));
        }
        assertThat(f.store.get(Column.META, MetaKeys.txIndex())).isNotNull();
    }
}
