package io.flint.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
