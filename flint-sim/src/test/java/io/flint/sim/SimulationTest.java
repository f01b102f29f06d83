package io.flint.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.sim.SimulationReport.Level;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static SimulationConfig.Builder small() {
        return SimulationConfig.builder().nodes(6).miners(2).peersPerNode(3).duration(Duration.ofMinutes(3))
                .settle(Duration.ofSeconds(30)).blockInterval(Duration.ofSeconds(10)).latency(Duration.ofMillis(50));
    }

    private static SimulationReport run(SimulationConfig config) {
        return Simulation.run(config, t -> {});
    }

    @Test
    void theSameSeedGivesTheSameReportByteForByte() {
        SimulationConfig config = small().seed(7).txRate(0.5).build();
        String first = ReportFormat.json(run(config));
        String second = ReportFormat.json(run(config));
        assertThat(second).isEqualTo(first);
        assertThat(ReportFormat.text(run(config))).isEqualTo(ReportFormat.text(run(config)));
    }

    @Test
    void everyScenarioAtOnceIsReproducibleToo() {
        SimulationConfig config = small().seed(8).nodes(8).txRate(0.5).loss(0.02).jitter(Duration.ofMillis(30))
                .partition(PartitionWindow.parse("1m+30s")).churn(Duration.ofSeconds(30))
                .churnDowntime(Duration.ofSeconds(20)).nat(2).build();
        SimulationReport first = run(config);
        assertThat(first.churn().restarts()).isPositive();
        assertThat(first.traffic().framesLost()).isPositive();
        assertThat(ReportFormat.json(run(config))).isEqualTo(ReportFormat.json(first));
    }

    @Test
    void aBootstrapGraphInSeveralPartsIsReportedAndCannotAgree() {
        // with one bootstrap peer each, seed 4 pairs the 4 nodes off: two parts that never meet
        SimulationReport split = run(small().seed(4).nodes(4).miners(4).peersPerNode(1).build());
        assertThat(split.topology().bootstrapLinks()).isEqualTo(2);
        assertThat(split.topology().components()).isEqualTo(2);
        assertThat(split.end().agree()).isFalse();
        assertThat(split.blocks().stale()).isPositive();

        SimulationReport whole = run(small().seed(4).nodes(4).miners(4).peersPerNode(3).build());
        assertThat(whole.topology().bootstrapLinks()).isEqualTo(6);
        assertThat(whole.topology().components()).isEqualTo(1);
        assertThat(whole.end().agree()).isTrue();
    }

    @Test
    void anotherSeedGivesAnotherHistory() {
        String a = ReportFormat.json(run(small().seed(1).build()));
        String b = ReportFormat.json(run(small().seed(2).build()));
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void aPartitionForksTheChainAndTheNetworkReunitesAfterItHeals() {
        SimulationReport report = run(small().nodes(8).miners(4).seed(3).duration(Duration.ofMinutes(6))
                .blockInterval(Duration.ofSeconds(5)).partition(PartitionWindow.parse("1m+3m")).build());
        assertThat(report.reorgs().count()).isPositive();
        assertThat(report.reorgs().maxDepth()).isPositive();
        assertThat(report.blocks().stale()).isPositive();
        assertThat(report.end().agree()).isTrue();
        assertThat(report.end().running()).isEqualTo(8);
    }

    @Test
    void fastLinksAndRareBlocksGiveNoStaleBlocks() {
        SimulationReport report = run(small().seed(4).latency(Duration.ZERO).loss(0)
                .blockInterval(Duration.ofSeconds(30)).duration(Duration.ofMinutes(5)).build());
        assertThat(report.blocks().mined()).isPositive();
        assertThat(report.blocks().stale()).isZero();
        assertThat(report.blocks().staleRate()).isZero();
        assertThat(report.blocks().inBestChain()).isEqualTo(report.blocks().mined());
        assertThat(report.reorgs().count()).isZero();
        assertThat(report.end().agree()).isTrue();
    }

    @Test
    void slowLinksAndFrequentBlocksGiveStaleBlocks() {
        SimulationReport report = run(small().seed(5).miners(4).latency(Duration.ofSeconds(2))
                .blockInterval(Duration.ofSeconds(1)).duration(Duration.ofMinutes(2)).build());
        assertThat(report.blocks().stale()).isPositive();
        assertThat(report.blocks().staleRate()).isGreaterThan(0.05);
        assertThat(report.reorgs().count()).isPositive();
    }

    @Test
    void propagationDelaysArePositiveAndOrderedByShareOfNodes() {
        SimulationReport report = run(small().seed(6).build());
        assertThat(report.blockPropagation().measured()).isPositive();
        var levels = report.blockPropagation().levels();
        assertThat(levels).extracting(Level::percentOfNodes).containsExactly(50, 90, 100);
        for (Level level : levels) {
            assertThat(level.delay().p50Ms()).isPositive();
            assertThat(level.delay().p50Ms()).isLessThanOrEqualTo(level.delay().p90Ms());
            assertThat(level.delay().p90Ms()).isLessThanOrEqualTo(level.delay().maxMs());
        }
        for (int i = 1; i < levels.size(); i++) {
            assertThat(levels.get(i - 1).delay().p50Ms()).isLessThanOrEqualTo(levels.get(i).delay().p50Ms());
            assertThat(levels.get(i - 1).delay().p90Ms()).isLessThanOrEqualTo(levels.get(i).delay().p90Ms());
            assertThat(levels.get(i - 1).delay().maxMs()).isLessThanOrEqualTo(levels.get(i).delay().maxMs());
        }
        // one hop takes the 50 ms latency at least
        assertThat(levels.get(2).delay().p50Ms()).isGreaterThanOrEqualTo(50);
    }

    /**
     * Links slower than the nodes' 5 s dial and request timers (a round trip of 2.5 s each way):
     * no handshake completed and each miner mined alone, reported as a "connected" network. The
     * simulated nodes now wait twice the slowest round trip.
     */
    @Test
    void linksSlowerThanTheNodesDefaultTimersStillConnect() {
        SimulationReport report = run(small().seed(5).latency(Duration.ofSeconds(3))
                .blockInterval(Duration.ofSeconds(30)).duration(Duration.ofMinutes(8)).settle(Duration.ofMinutes(1))
                .build());
        assertThat(report.end().isolated()).isEmpty();
        assertThat(report.end().nodes()).allSatisfy(n -> assertThat(n.peers()).isPositive());
        assertThat(report.blockPropagation().measured()).isPositive();
        assertThat(report.end().agree()).isTrue();
    }

    /** With as many NATed nodes as can be, a light node was sometimes the only reachable one. */
    @Test
    void lightNodesGoBehindNatFirstSoAFullNodeStaysReachable() {
        SimulationReport report = run(small().seed(1).nodes(10).miners(3).nat(9).light(5).peersPerNode(1).build());
        assertThat(report.end().nodes()).filteredOn(n -> !n.nat()).singleElement()
                .satisfies(n -> assertThat(n.light()).as("the reachable node is light").isFalse());
        assertThat(report.blockPropagation().measured()).isPositive();
        assertThat(report.end().agree()).isTrue();
    }

    @Test
    void nodesWithoutALivePeerAtTheEndAreNamedWithAWarning() throws Exception {
        SimulationReport report = run(small().seed(2).loss(1).build());
        assertThat(report.end().isolated()).hasSize(6);
        assertThat(ReportFormat.text(report)).contains("warning      6 running nodes without a live peer at the end");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(ReportFormat.json(report))
                .path("end").path("isolated").size()).isEqualTo(6);
        assertThat(ReportFormat.text(run(small().seed(2).build()))).doesNotContain("warning");
    }
}
