package io.flint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flint.chain.BranchTip.Status;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tips of the header tree ({@code GET /tips}, as Bitcoin Core's getchaintips): after a
 * reorganisation the abandoned branch is still listed, with where it left the best chain.
 */
class BranchTipsTest {
    ChainFixture f;

    @BeforeEach
    void setUp() {
        f = new ChainFixture(NetworkParams.REGTEST, new MemoryKeyValueStore());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static BranchTip tip(Block b, long branchLength, Status status) {
        return new BranchTip(b.height(), b.hash(), branchLength, status);
    }

    @Test
    void aFreshChainHasOneTipTheGenesisBlock() {
        assertThat(f.chain.tips(100)).containsExactly(tip(f.builder.genesis(), 0, Status.ACTIVE));
    }

    @Test
    void afterAReorganisationTheAbandonedBranchIsAValidForkWithItsLength() {
        Block fork = f.mine(4).get(3);
        List<Block> abandoned = f.builder.extend(fork, 3);
        f.submitAll(abandoned);
        List<Block> winner = f.builder.extend(fork, 4);
        assertThat(f.submitAll(winner).get(3)).isInstanceOf(BlockOutcome.Reorganized.class);

        assertThat(f.chain.tips(100)).containsExactly(
                tip(winner.get(3), 0, Status.ACTIVE),
                tip(abandoned.get(2), 3, Status.VALID_FORK));
        assertThat(f.chain.tips(100).get(1).forkHeight()).isEqualTo(fork.height());
    }

    @Test
    void aRivalBlockThatLostATieIsABranchOfOne() {
        Block parent = f.mine(2).get(1);
        Block first = f.builder.nextBlock(parent).mine();
        Block second = f.builder.nextBlock(parent).mine();
        f.submitAll(List.of(first, second));

        assertThat(f.chain.tips(100)).containsExactly(tip(first, 0, Status.ACTIVE), tip(second, 1, Status.VALID_FORK));
    }

    @Test
    void headersWithoutTheirBlocksAreHeadersOnlyAndTheActiveTipIsListedEvenWithChildren() {
        Block fork = f.mine(2).get(1);
        f.mine(1);
        Block tip = f.tipBlock();
        // a longer rival branch, headers only (its blocks never came)
        List<Block> rival = f.builder.extend(fork, 4);
        // and headers that extend the tip itself, as while syncing
        List<Block> ahead = f.builder.extend(tip, 2);
        assertThat(f.chain.submitHeaders(rival.stream().map(Block::header).toList()))
                .isInstanceOf(HeadersOutcome.Accepted.class);
        assertThat(f.chain.submitHeaders(ahead.stream().map(Block::header).toList()))
                .isInstanceOf(HeadersOutcome.Accepted.class);

        assertThat(f.chain.tips(100)).containsExactly(
                tip(rival.get(3), 4, Status.HEADERS_ONLY),
                tip(ahead.get(1), 2, Status.HEADERS_ONLY),
                tip(tip, 0, Status.ACTIVE));
        // a light node's chain is its best header chain (the rival's, most work): measured against that instead
        assertThat(f.chain.headerTips(100)).containsExactly(
                tip(rival.get(3), 0, Status.ACTIVE),
                tip(ahead.get(1), 3, Status.HEADERS_ONLY));
    }

    @Test
    void aBranchWithAnInvalidBlockIsInvalidAtItsTip() {
        List<Block> base = f.mine(3);
        Spendable real = f.builder.coinbaseOf(base.get(0));
        // spends an output that exists nowhere: only connecting the branch finds out
        Spendable ghost = new Spendable(new OutPoint(Hash.of(new byte[32]), 5), real.output(), real.key());
        Block bad = f.builder.nextBlock(base.get(1)).spending(ghost).paying(f.builder.minerKey(), Amount.ofCoins(1)).mine();
        Block after = f.builder.nextBlock(bad).mine();
        f.submitAll(List.of(bad, after));

        assertThat(f.chain.tips(100)).containsExactly(
                tip(after, 2, Status.INVALID),
                tip(base.get(2), 0, Status.ACTIVE));
    }

    @Test
    void branchesSharingAStemEachCountFromTheBestChain() {
        Block fork = f.mine(3).get(1);
        List<Block> stem = f.builder.extend(fork, 2);
        Block left = f.builder.nextBlock(stem.get(1)).mine();
        Block right = f.builder.nextBlock(stem.get(1)).mine();
        f.submitAll(stem);
        f.submitAll(List.of(left, right));
        // the stem and one of its ends had more work: they are the best chain now
        Block active = f.tipBlock();
        Block other = active.hash().equals(left.hash()) ? right : left;

        assertThat(f.chain.tips(100)).hasSize(3)
                .contains(tip(active, 0, Status.ACTIVE), tip(other, 1, Status.VALID_FORK));
        BranchTip old = f.chain.tips(100).stream().filter(t -> t.height() == fork.height() + 1).findFirst().orElseThrow();
        assertThat(old.branchLength()).isEqualTo(1);
        assertThat(old.status()).isEqualTo(Status.VALID_FORK);

        // two ends of one side branch: both 3 blocks from the fork
        List<Block> side = f.builder.extend(fork, 2);
        Block a = f.builder.nextBlock(side.get(1)).mine();
        Block b = f.builder.nextBlock(side.get(1)).mine();
        f.submitAll(side);
        f.submitAll(List.of(a, b));
        assertThat(f.chain.tips(100)).filteredOn(t -> t.hash().equals(a.hash()) || t.hash().equals(b.hash()))
                .extracting(BranchTip::branchLength).containsExactly(3L, 3L);
    }

    @Test
    void theListIsTheHighestTipsHighestFirstAndAlwaysHasTheActiveOne() {
        List<Block> chain = f.mine(6);
        // a rival that lost at each height 1..5
        for (int i = 0; i < 5; i++) {
            Block parent = i == 0 ? f.builder.genesis() : chain.get(i - 1);
            f.chain.submitBlock(f.builder.nextBlock(parent).mine());
        }
        List<BranchTip> all = f.chain.tips(100);
        assertThat(all).hasSize(6);
        assertThat(all).extracting(BranchTip::height).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(all.get(0).status()).isEqualTo(Status.ACTIVE);

        List<BranchTip> three = f.chain.tips(3);
        assertThat(three).extracting(BranchTip::height).containsExactly(6L, 5L, 4L);
        assertThat(f.chain.tips(1)).extracting(BranchTip::status).containsExactly(Status.ACTIVE);
    }

    @Test
    void theActiveTipStaysListedWhenHigherSideBranchesFillTheList() {
        Block fork = f.mine(2).get(0);
        f.mine(1);
        // headers of two branches higher than the tip (more work, blocks missing)
        List<Block> one = f.builder.extend(fork, 5);
        List<Block> two = f.builder.extend(fork, 6);
        f.chain.submitHeaders(one.stream().map(Block::header).toList());
        f.chain.submitHeaders(two.stream().map(Block::header).toList());

        assertThat(f.chain.tips(2)).extracting(BranchTip::hash, BranchTip::status).containsExactly(
                tuple(two.get(5).hash(), Status.HEADERS_ONLY), tuple(f.chain.tip().hash(), Status.ACTIVE));
    }
}
