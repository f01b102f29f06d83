package io.flint.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Orphan blocks: kept by parent, bounded in count and bytes, expired, connected when the parent comes. */
class OrphanBlocksTest {
    final TestChainBuilder builder = new TestChainBuilder(NetworkParams.REGTEST);
    final Instant t0 = ChainFixture.START;

    List<Block> blocks(int n) {
        return builder.extend(builder.genesis(), n);
    }

    @Test
    void childrenAreFoundByTheirParent() {
        List<Block> b = blocks(3);
        Block sibling = builder.nextBlock(b.get(0)).mine();
        OrphanBlocks orphans = new OrphanBlocks(10, 1_000_000, Duration.ofMinutes(20));
        orphans.add(b.get(1), t0);
        orphans.add(sibling, t0);
        orphans.add(b.get(2), t0);

        assertThat(orphans.takeChildren(b.get(0).hash())).containsExactly(b.get(1), sibling);
        assertThat(orphans.takeChildren(b.get(0).hash())).isEmpty();
        assertThat(orphans.list()).extracting(OrphanBlocks.Entry::block).containsExactly(b.get(2));
        assertThat(orphans.bytes()).isEqualTo(b.get(2).size());
    }

    @Test
    void theOldestGoWhenTheCountIsReached() {
        List<Block> b = blocks(5);
        OrphanBlocks orphans = new OrphanBlocks(3, 1_000_000, Duration.ofMinutes(20));
        for (int i = 0; i < 5; i++) {
            orphans.add(b.get(i), t0.plusSeconds(i));
        }
        assertThat(orphans.list()).extracting(OrphanBlocks.Entry::block).containsExactly(b.get(2), b.get(3), b.get(4));
    }

    @Test
    void theOldestGoWhenTheBytesAreReachedAndTooLargeBlocksAreNotKept() {
        List<Block> b = blocks(3);
        long two = b.get(0).size() + b.get(1).size();
        OrphanBlocks orphans = new OrphanBlocks(100, two, Duration.ofMinutes(20));
        b.forEach(x -> orphans.add(x, t0));
        assertThat(orphans.list()).extracting(OrphanBlocks.Entry::block).containsExactly(b.get(1), b.get(2));
        assertThat(orphans.bytes()).isLessThanOrEqualTo(two);

        OrphanBlocks tiny = new OrphanBlocks(100, b.get(0).size() - 1, Duration.ofMinutes(20));
        assertThat(tiny.add(b.get(0), t0)).isFalse();
        assertThat(tiny.size()).isZero();
    }

    @Test
    void orphansExpire() {
        List<Block> b = blocks(2);
        OrphanBlocks orphans = new OrphanBlocks(100, 1_000_000, Duration.ofMinutes(20));
        orphans.add(b.get(0), t0);
        orphans.add(b.get(1), t0.plus(Duration.ofMinutes(10)));

        assertThat(orphans.expire(t0.plus(Duration.ofMinutes(20)))).isZero();
        assertThat(orphans.expire(t0.plus(Duration.ofMinutes(21)))).isEqualTo(1);
        assertThat(orphans.list()).extracting(OrphanBlocks.Entry::block).containsExactly(b.get(1));
    }

    @Test
    void theChainExpiresOrphansByItsClockAndKeepsItsBounds() {
        ChainOptions options = new ChainOptions(2, 1_000_000, Duration.ofMinutes(20), 64);
        try (ChainFixture f = new ChainFixture(NetworkParams.REGTEST, new MemoryKeyValueStore(), options)) {
            List<Block> b = f.builder.extend(f.builder.genesis(), 4);
            f.chain.submitBlock(b.get(3));
            f.clock.advance(Duration.ofMinutes(15));
            f.chain.submitBlock(b.get(2));
            f.chain.submitBlock(b.get(1));
            // the bound of 2 pushed out the oldest
            assertThat(f.chain.orphans()).extracting(OrphanBlocks.Entry::hash)
                    .containsExactly(b.get(2).hash(), b.get(1).hash());
            f.clock.advance(Duration.ofMinutes(21));
            assertThat(f.chain.expireOrphans()).isEqualTo(2);
            assertThat(f.chain.orphans()).isEmpty();
            f.chain.submitBlock(b.get(0));
            assertThat(f.chain.height()).isEqualTo(1);
        }
    }

    @Test
    void anInvalidOrphanIsNotKept() {
        try (ChainFixture f = new ChainFixture(NetworkParams.REGTEST, new MemoryKeyValueStore())) {
            List<Block> b = f.builder.extend(f.builder.genesis(), 2);
            Block bad = f.builder.nextBlock(b.get(0)).editTransactions(l -> List.of()).mine();
            assertThat(f.chain.submitBlock(bad)).isInstanceOf(BlockOutcome.Rejected.class);
            assertThat(f.chain.orphans()).isEmpty();
        }
    }
}
