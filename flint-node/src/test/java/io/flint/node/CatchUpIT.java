package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Block;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes that join a network whose chain is hundreds of blocks long catch up over TCP with
 * headers-first sync: headers in batches of 100, then the blocks from every peer that has them
 * (a light node: the headers only).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CatchUpIT {
    private static final int BLOCKS = 250;
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    void lateFullAndLightNodesSyncAChainOfSeveralHeaderBatches(@TempDir Path dir) {
        try (NodeNetwork net = new NodeNetwork(dir)) {
            net.startAll(List.of(NodeSpec.full("4001").asMiner(), NodeSpec.full("4002")));
            net.awaitMeshed(WAIT);
            Block last = null;
            for (int i = 0; i < BLOCKS; i++) {
                last = net.mine("4001");
            }
            Block tip = last;
            Eventually.within(WAIT, net, "4002 at the tip", () -> net.tip(net.node("4002")).equals(tip.hash()));

            FlintNode full = net.start(NodeSpec.full("4003"));
            FlintNode light = net.start(NodeSpec.full("4004").asLight().knowing("4002"));
            Eventually.within(WAIT, net, "the late nodes at the tip",
                    () -> net.tip(full).equals(tip.hash()) && net.tip(light).equals(tip.hash()));
            List<?> chain = net.bestChain(net.node("4001"));
            assertThat(chain).hasSize(BLOCKS + 1);
            assertThat(net.bestChain(full)).isEqualTo(chain);
            assertThat(net.bestChain(light)).isEqualTo(chain);
            assertThat(net.snapshot(full).sync().downloaded()).as("blocks fetched by sync").isGreaterThanOrEqualTo(BLOCKS);
            assertThat(net.snapshot(light).sync().downloaded()).as("headers fetched by sync").isGreaterThanOrEqualTo(BLOCKS);

            // and the network goes on: the next block reaches the newcomers by gossip
            Block next = net.mine("4001");
            Eventually.within(WAIT, net, "everyone at the next block", () -> net.allAtTip(net.nodes(), next.hash()));
        }
    }
}
