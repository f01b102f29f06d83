package io.flint.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
