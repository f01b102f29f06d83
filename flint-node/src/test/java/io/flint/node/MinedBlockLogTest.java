package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.BlockOutcome;
import io.flint.core.Hash;
import org.junit.jupiter.api.Test;

/**
 * Why a block the node mined did not connect reads as words in its log, not as a Java record; which
 * blocks it mined is remembered for its connected and disconnected lines.
 */
class MinedBlockLogTest {
    private static final Hash H = Hash.ZERO;

    @Test
    void eachOutcomeOfAMinedBlockThatDidNotConnectIsSaidInWords() {
        assertThat(FlintNode.notConnected(new BlockOutcome.SideBranch(H, false)))
                .isEqualTo("another block at its height came first: it is kept on a side branch (a fork)");
        assertThat(FlintNode.notConnected(new BlockOutcome.SideBranch(H, true)))
                .isEqualTo("an earlier block of its branch is still missing");
        assertThat(FlintNode.notConnected(new BlockOutcome.Orphan(H, H))).isEqualTo("its parent " + H + " is unknown here");
        assertThat(FlintNode.notConnected(new BlockOutcome.Duplicate(H))).isEqualTo("this node has it already");
        assertThat(FlintNode.notConnected(new BlockOutcome.SideBranch(H, false))).doesNotContain("SideBranch[");
    }

    /** A miner runs for months: it remembers its latest blocks only, enough for any reorganisation it will see. */
    @Test
    void theLatestMinedBlocksAreRememberedTheOldestForgotten() {
        MinedBlocks mined = new MinedBlocks(2);
        Hash a = Hash.twice(new byte[] {1});
        Hash b = Hash.twice(new byte[] {2});
        Hash c = Hash.twice(new byte[] {3});
        mined.add(a);
        mined.add(b);
        assertThat(mined.contains(a)).isTrue();
        mined.add(c);
        assertThat(mined.contains(a)).isFalse();
        assertThat(mined.contains(b)).isTrue();
        assertThat(mined.contains(c)).isTrue();
        assertThat(mined.contains(H)).isFalse();
    }
}
