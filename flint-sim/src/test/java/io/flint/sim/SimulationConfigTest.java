package io.flint.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

    @Test
    void minersDefaultToThreeOrEveryNodeIfFewer() {
        assertThat(SimulationConfig.builder().build().miners()).isEqualTo(3);
        assertThat(SimulationConfig.builder().nodes(2).build().miners()).isEqualTo(2);
        assertThat(SimulationConfig.builder().nodes(2).build().toBuilder().nodes(10).build().miners()).isEqualTo(2);
    }

    @Test
    void moreMinersThanNodesGivenOnPurposeAreStillRefused() {
        assertThatThrownBy(() -> SimulationConfig.builder().nodes(2).miners(3).build())
                .hasMessage("--miners 3 is more than --nodes 2");
    }

    @Test
    void aDurationShorterThanOneTickIsRefusedNamingTheTick() {
        assertThatThrownBy(() -> SimulationConfig.builder().duration(Duration.ofNanos(100)).build())
                .hasMessage("--duration 0.0001ms is shorter than one tick of the simulation: at least 50ms");
        assertThatThrownBy(() -> SimulationConfig.builder().duration(Duration.ZERO).build())
                .hasMessageContaining("at least 50ms");
        assertThat(SimulationConfig.builder().duration(Simulation.TICK).build().duration()).isEqualTo(Simulation.TICK);
    }

    @Test
    void aSettleTimeShorterThanOneTickIsRefusedButZeroMeasuresAtOnce() {
        assertThatThrownBy(() -> SimulationConfig.builder().settle(Duration.ofMillis(10)).build())
                .hasMessage("--settle 10ms is shorter than one tick of the simulation: at least 50ms, "
                        + "or 0s to measure at once");
        assertThat(SimulationConfig.builder().settle(Duration.ZERO).build().settle()).isZero();
        assertThat(SimulationConfig.builder().settle(Simulation.TICK).build().settle()).isEqualTo(Simulation.TICK);
    }

    @Test
    void aChurnDowntimeWithoutChurnIsRefusedNamingBothOptions() {
        assertThatThrownBy(() -> SimulationConfig.builder().churnDowntime(Duration.ofMinutes(5)).build())
                .hasMessageStartingWith("--churn-downtime has no effect without --churn");
        SimulationConfig churning = SimulationConfig.builder().churn(Duration.ofMinutes(1))
                .churnDowntime(Duration.ofMinutes(5)).build();
        assertThat(churning.churnDowntime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(churning.toBuilder().build().churnDowntime()).isEqualTo(Duration.ofMinutes(5));
        // without it the default stays, and copying a configuration without churn does not give it
        SimulationConfig quiet = SimulationConfig.builder().build();
        assertThat(quiet.churnDowntime()).isEqualTo(SimulationConfig.DEFAULT_CHURN_DOWNTIME);
        assertThat(quiet.toBuilder().nodes(5).build().churnDowntime()).isEqualTo(SimulationConfig.DEFAULT_CHURN_DOWNTIME);
    }

    @Test
    void bootstrapPeersAreAtMostTheNodesThatCanBeDialled() {
        assertThat(SimulationConfig.builder().nodes(2).build().bootstrapPeers(false)).isEqualTo(1);
        assertThat(SimulationConfig.builder().nodes(10).build().bootstrapPeers(false)).isEqualTo(8);
        // 1 node not behind NAT: the others can dial it, it has none to dial
        SimulationConfig natted = SimulationConfig.builder().nodes(4).miners(1).nat(3).build();
        assertThat(natted.bootstrapPeers(true)).isEqualTo(1);
        assertThat(natted.bootstrapPeers(false)).isZero();
    }
}
