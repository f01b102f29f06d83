package io.flint.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.sim.SimulationReport.NodeEnd;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Churn, NAT, payments and hash shares, each on a small network for a few virtual minutes. */
class ScenarioTest {
    private static SimulationConfig.Builder small() {
        return SimulationConfig.builder().nodes(8).miners(2).peersPerNode(3).duration(Duration.ofMinutes(5))
                .settle(Duration.ofMinutes(1)).blockInterval(Duration.ofSeconds(10)).latency(Duration.ofMillis(50));
    }

    @Test
    void churnedNodesCrashLeaveAndComeBackToTheSameChain() {
        SimulationReport report = Simulation.run(small().seed(11).churn(Duration.ofSeconds(30))
                .churnDowntime(Duration.ofSeconds(20)).build(), t -> {});
        assertThat(report.churn().crashes()).isPositive();
        assertThat(report.churn().leaves()).isPositive();
        assertThat(report.churn().restarts()).isPositive();
        assertThat(report.churn().freshStarts()).isPositive().isLessThan(report.churn().restarts());
        assertThat(report.traffic().messagesByType()).containsKey("GOODBYE");
        List<NodeEnd> restarted = report.end().nodes().stream().filter(n -> n.runs() > 1 && n.running()).toList();
        assertThat(restarted).isNotEmpty();
        assertThat(restarted).allSatisfy(n -> assertThat(n.height()).isEqualTo(report.blocks().bestHeight()));
        assertThat(report.end().nodes()).filteredOn(NodeEnd::miner).allSatisfy(n -> assertThat(n.runs()).isEqualTo(1));
        assertThat(report.end().agree()).isTrue();
    }

    @Test
    void nodesBehindNatFollowTheChainThroughConnectionsTheyOpen() {
        SimulationReport report = Simulation.run(small().seed(12).nat(3).build(), t -> {});
        List<NodeEnd> natted = report.end().nodes().stream().filter(NodeEnd::nat).toList();
        assertThat(natted).hasSize(3);
        assertThat(natted).allSatisfy(n -> assertThat(n.height()).isEqualTo(report.blocks().bestHeight()));
        assertThat(report.end().agree()).isTrue();
    }

    @Test
    void lightNodesFollowTheBestHeaderAndAreLeftOutOfPropagation() {
        SimulationReport report = Simulation.run(small().seed(15).light(3).txRate(0.5).build(), t -> {});
        List<NodeEnd> light = report.end().nodes().stream().filter(NodeEnd::light).toList();
        assertThat(light).hasSize(3).noneMatch(NodeEnd::miner);
        assertThat(light).allSatisfy(n -> assertThat(n.height()).isEqualTo(report.blocks().bestHeight()));
        assertThat(report.end().agree()).isTrue();
        // measured over the 5 full nodes only: a block reached all of them
        assertThat(report.blockPropagation().measured()).isPositive();
        assertThat(report.payments().accepted()).isPositive();
    }

    @Test
    void paymentsSpreadToEveryPoolAndAreConfirmed() {
        // the first rewards mature after 10 blocks: give the run time to have some
        SimulationReport report = Simulation.run(small().seed(13).blockInterval(Duration.ofSeconds(5)).txRate(1)
                .build(), t -> {});
        var payments = report.payments();
        assertThat(payments.attempted()).isPositive();
        assertThat(payments.noCoins()).isPositive(); // before any reward matured
        assertThat(payments.accepted()).isPositive();
        assertThat(payments.rejected()).isZero();
        assertThat(payments.confirmed()).isPositive().isLessThanOrEqualTo(payments.accepted());
        assertThat(payments.propagation().measured()).isPositive();
        assertThat(payments.propagation().levels().get(2).delay().maxMs()).isPositive();
        assertThat(report.traffic().messagesByType()).containsKey("TX");
    }

    @Test
    void aMinerWithMostOfTheHashPowerFindsMostBlocks() {
        SimulationReport report = Simulation.run(small().seed(14).hashShares(List.of(9.0, 1.0)).build(), t -> {});
        List<Long> mined = report.end().nodes().stream().filter(NodeEnd::miner).map(NodeEnd::mined).toList();
        assertThat(mined).hasSize(2);
        assertThat(mined.stream().mapToLong(Long::longValue).sum()).isEqualTo(report.blocks().mined());
        long big = mined.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(big).isGreaterThan(report.blocks().mined() * 7 / 10);
    }
}
