package io.flint.api;

import static io.flint.api.MetricsApiTest.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.BlockOutcome;
import io.flint.chain.HeadersOutcome;
import io.flint.chain.TestChainBuilder;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flint_blocks_accepted_total} as a researcher computes a fork rate from it: a sync that
 * stores blocks ahead of their parents is no fork, and one block completing a run connects them all.
 */
class BlockMetricsTest {
    @TempDir
    Path dir;

    private static <T> T onLoop(ApiNode n, java.util.concurrent.Callable<T> task) {
        return n.node.loop().call(task, Duration.ofSeconds(10));
    }

    private static Map<String, Double> accepted(ApiNode n) throws Exception {
        Map<String, MetricFamily> m = scrape(n);
        MetricFamily f = m.get("flint_blocks_accepted_total");
        Map<String, Double> out = new java.util.TreeMap<>();
        if (f != null) {
            f.getMetrics().forEach(c -> out.put(c.getLabels().get("result"), ((Counter) c).getValue()));
        }
        return out;
    }

    @Test
    void blocksStoredAheadOfTheirParentsCountOnceEachWhenTheyConnectAndAreNoForks() throws Exception {
        try (ApiNode n = new ApiNode(dir)) {
            TestChainBuilder builder = new TestChainBuilder(NetworkParams.REGTEST);
            Block genesis = n.node.chain().blockAt(0).orElseThrow();
            List<Block> blocks = builder.extend(genesis, 4);
            assertThat(onLoop(n, () -> n.node.chain().submitHeaders(blocks.stream().map(Block::header).toList())))
                    .isInstanceOf(HeadersOutcome.Accepted.class);
            // as a sync delivers them: the later ones first
            for (int i = 3; i >= 1; i--) {
                Block b = blocks.get(i);
                assertThat(onLoop(n, () -> n.node.chain().submitBlock(b))).isInstanceOf(BlockOutcome.SideBranch.class);
            }
            assertThat(onLoop(n, () -> n.node.chain().submitBlock(blocks.get(0))))
                    .isInstanceOf(BlockOutcome.Connected.class);
            // a real fork: a rival of the tip, no more work
            Block rival = builder.nextBlock(blocks.get(2)).time(blocks.get(3).header().timestamp() + 1).mine();
            assertThat(onLoop(n, () -> n.node.chain().submitBlock(rival))).isInstanceOf(BlockOutcome.SideBranch.class);

            Map<String, Double> accepted = accepted(n);
            assertThat(accepted).containsEntry("connected", 4.0).containsEntry("side_branch", 1.0);
            assertThat(accepted.getOrDefault("reorganized", 0.0)).isZero();
        }
    }

    /**
     * A side branch that wins: its blocks were counted as side_branch when they came, so the
     * reorganisation counts only the block that tipped it (a lecturer's node counted
     * 15 + 14 + 13 = 42 blocks for 29 stored); and blocks a reorganisation took off count no
     * more when a later one puts them back.
     */
    @Test
    void eachStoredBlockCountsOnceWhenItsBranchWinsOrComesBack() throws Exception {
        try (ApiNode n = new ApiNode(dir)) {
            TestChainBuilder builder = new TestChainBuilder(NetworkParams.REGTEST);
            Block genesis = n.node.chain().blockAt(0).orElseThrow();
            List<Block> a = builder.extend(genesis, 2);
            List<Block> b = builder.extend(genesis, 3);
            for (Block block : a) {
                assertThat(onLoop(n, () -> n.node.chain().submitBlock(block))).isInstanceOf(BlockOutcome.Connected.class);
            }
            for (Block block : b.subList(0, 2)) {
                assertThat(onLoop(n, () -> n.node.chain().submitBlock(block))).isInstanceOf(BlockOutcome.SideBranch.class);
            }
            assertThat(onLoop(n, () -> n.node.chain().submitBlock(b.get(2)))).isInstanceOf(BlockOutcome.Reorganized.class);
            assertThat(accepted(n)).containsEntry("connected", 2.0).containsEntry("side_branch", 2.0)
                    .containsEntry("reorganized", 1.0);

            // branch a comes back, longer: its two old blocks were counted when they first connected
            List<Block> more = builder.extend(a.get(1), 2);
            assertThat(onLoop(n, () -> n.node.chain().submitBlock(more.get(0)))).isInstanceOf(BlockOutcome.SideBranch.class);
            assertThat(onLoop(n, () -> n.node.chain().submitBlock(more.get(1)))).isInstanceOf(BlockOutcome.Reorganized.class);
            Map<String, Double> accepted = accepted(n);
            assertThat(accepted).containsEntry("connected", 2.0).containsEntry("side_branch", 3.0)
                    .containsEntry("reorganized", 2.0);
            assertThat(accepted.values().stream().mapToDouble(Double::doubleValue).sum())
                    .as("every block stored, once").isEqualTo(7.0);
        }
    }
}
