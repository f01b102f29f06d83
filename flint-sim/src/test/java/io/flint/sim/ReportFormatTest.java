package io.flint.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.sim.SimulationReport.Churn;
import io.flint.sim.SimulationReport.EndState;
import io.flint.sim.SimulationReport.Propagation;
import io.flint.sim.SimulationReport.Reorgs;
import io.flint.sim.SimulationReport.Traffic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    private static String header(SimulationConfig.Builder config) {
        String text = ReportFormat.text(Simulation.run(config.duration(Duration.ofSeconds(20))
                .settle(Duration.ZERO).build(), t -> {}));
        return text.substring(0, text.indexOf("\n\n"));
    }

    @Test
    void theHeaderCountsTheBootstrapPeersTheNodesReallyHave() {
        assertThat(header(SimulationConfig.builder().nodes(3).peersPerNode(8)))
                .contains("3 nodes (3 mining), 2 bootstrap peers each,", "bootstrap graph: 3 links,");
        // behind NAT a node dials all 2 reachable nodes; a reachable node has only the other one
        assertThat(header(SimulationConfig.builder().nodes(4).miners(1).nat(2)))
                .contains("1 or 2 bootstrap peers each,");
    }

    @Test
    void aPaymentRateKeepsThreeSignificantDigitsInPlainDecimals() {
        assertThat(header(SimulationConfig.builder().txRate(0.0000001))).contains("; 0.0000001 payments/s");
        assertThat(header(SimulationConfig.builder().txRate(12.345))).contains("; 12.3 payments/s");
        assertThat(header(SimulationConfig.builder().txRate(1))).contains("; 1 payment/s");
        assertThat(header(SimulationConfig.builder().txRate(0.5))).contains("; 0.5 payments/s");
    }

    @Test
    void noLatencyHasTheUnitOfTheDefault() {
        assertThat(header(SimulationConfig.builder().latency(Duration.ZERO))).contains("links 0ms latency,");
        assertThat(header(SimulationConfig.builder())).contains("links 50ms latency,");
    }

    /** A short churning run's report with every count below replaced: {@code one} of each thing. */
    private static SimulationReport counting(int one, SimulationConfig.Builder config) {
        SimulationReport r = Simulation.run(config.nodes(3).miners(1).churn(Duration.ofSeconds(5))
                .duration(Duration.ofSeconds(20)).settle(Duration.ZERO).build(), t -> {});
        EndState end = r.end();
        return new SimulationReport(r.config(), r.topology(), r.virtualSeconds(), r.settleSeconds(), r.blocks(),
                new Reorgs(one, one, one), new Propagation(one, one, r.blockPropagation().levels(), one, one, one), r.payments(),
                new Traffic(one, 100, one, 50, one, 100, Map.of("PING", (long) one), one), new Churn(one, 0, one, one),
                new EndState(one, end.agree(), end.distinctTips(), end.minHeight(), end.maxHeight(), end.bestTip(),
                        end.nodes()));
    }

    @Test
    void oneOfAThingIsSingularAndOtherCountsPlural() {
        assertThat(ReportFormat.text(counting(1, SimulationConfig.builder()))).contains(
                "reorgs       1 on 1 node, deepest 1 block\n",
                ": 1 of 1 block reached every node (1 node each)\n",
                "traffic      1 frame, 100 B sent; per node 1 frame, 50 B (max 1 frame, 100 B); 1 frame lost\n",
                "churn        1 crash, 0 leaves, 1 restart (1 of them with an empty store)\n",
                "end          1 node running, ");
        assertThat(ReportFormat.text(counting(2, SimulationConfig.builder()))).contains(
                "reorgs       2 on 2 nodes, deepest 2 blocks\n",
                ": 2 of 2 blocks reached every node (2 nodes each)\n",
                "traffic      2 frames, 100 B sent; per node 2 frames, 50 B (max 2 frames, 100 B); 2 frames lost\n",
                "churn        2 crashes, 0 leaves, 2 restarts (2 of them with an empty store)\n",
                "end          2 nodes running, ");
    }

    /** Under churn "every node" is fewer nodes for some blocks: the report says over how many. */
    @Test
    void theNodesAShareIsOfAreReportedWhenChurnMakesThemFewer() {
        SimulationReport r = Simulation.run(SimulationConfig.builder().nodes(8).miners(2).seed(3)
                .churn(Duration.ofSeconds(20)).churnDowntime(Duration.ofSeconds(30)).duration(Duration.ofMinutes(5))
                .build(), t -> {});
        var p = r.blockPropagation();
        assertThat(p.nodesMin()).isLessThan(p.nodesMax());
        assertThat(p.nodesMax()).isLessThanOrEqualTo(8);
        assertThat(p.nodesMean()).isBetween((double) p.nodesMin(), (double) p.nodesMax());
        assertThat(ReportFormat.text(r)).containsPattern(
                "reached every node \\(\\d+ to \\d+ nodes, [0-9.]+ on average: the nodes running when it appeared");
    }

    @Test
    void jsonNumbersAreInPlainDecimals() {
        SimulationReport r = counting(1, SimulationConfig.builder().txRate(0.0000001).loss(0.00001));
        SimulationReport big = new SimulationReport(r.config(), r.topology(), r.virtualSeconds(), r.settleSeconds(),
                r.blocks(), r.reorgs(), r.blockPropagation(), r.payments(),
                new Traffic(123_456_789, 12_345_678_901L, 12_345_678.9, 1_234_567_890.1, 1, 1, Map.of(), 0),
                r.churn(), r.end());
        String json = ReportFormat.json(big);
        assertThat(json).doesNotContainPattern("[:,\\[]\\s*-?[0-9.]+[eE]")
                .contains("\"tx_rate\" : 0.0000001,", "\"loss\" : 0.00001,",
                        "\"frames_per_node\" : 12345678.9,", "\"bytes_per_node\" : 1234567890.1,",
                        // a whole double keeps its ".0", as before
                        "\"virtual_seconds\" : 20.0,", "\"settle_seconds\" : 0.0,");
    }
}
