package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void threeNodesGreetAndShareABlock() {
        SimNet net = new SimNet(1);
        List<NodeIdentity> ids = List.of(SimNet.identity("5000"), SimNet.identity("5001"), SimNet.identity("5002"));
        for (NodeIdentity id : ids) {
            net.add(SimNet.config(id, SimNet.bootstrapFor(id.id(), ids), UnaryOperator.identity()));
        }
        net.runFor(Duration.ofSeconds(2));
        for (SimNode n : net.running()) {
            System.out.println(n.id + " " + n.engine.snapshot().peers());
        }
        var b = net.mine(net.node("5000"));
        assertThat(net.runUntil(() -> net.running().stream().allMatch(n -> n.chain.height() == 1),
                Duration.ofSeconds(20))).isTrue();
        System.out.println(net.scheduler.now());
        System.out.println(net.node("5001").engine.snapshot().counters());
    }
}
