package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Everything is drawn from the seed and virtual time: one seed, one history. */
class ReproducibilityTest {

    private static List<String> history(long seed) {
        SimNet net = SeedNetworkTest.seedNetwork(seed);
        SeedNetworkTest.run(net);
        List<String> trace = new java.util.ArrayList<>(net.trace);
        net.running().forEach(n -> trace.add(n.id + " tip " + n.tip() + " sent " + n.engine.snapshot().counters().sent()));
        return trace;
    }

    @Test
    void theSameSeedGivesTheSameEventTrace() {
        List<String> first = history(71);
        List<String> second = history(71);
        assertThat(first).hasSizeGreaterThan(100);
        assertThat(second).isEqualTo(first);
        assertThat(history(72)).isNotEqualTo(first);
    }
}
