package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.NetworkParams;
import io.flint.node.FlintNode;
import io.flint.node.NodeSettings;
import io.flint.p2p.snapshot.PeerSnapshot;
import io.flint.p2p.transport.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrap peers known only by address, as {@code PEER_NODES} gives them in a pod: a node that
 * starts before its bootstrap peer keeps greeting the address and meets the peer once it is up;
 * its own address in the list is skipped. Two real nodes over loopback TCP.
 */
class AddressBootstrapIT {
    @TempDir
    Path dir;
    private final List<FlintNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(FlintNode::stop);
    }

    private FlintNode node(String id, int port) {
        NodeSettings.Builder b = new NodeSettings.Builder();
        b.id = id;
        b.network = NetworkParams.REGTEST;
        b.dataDir = dir.resolve(id);
        b.inMemoryChain = true;
        b.advertised = new Endpoint("127.0.0.1", port);
        b.apiPort = 0;
        b.scriptThreads = 1;
        FlintNode node = new FlintNode(b.build()).start();
        nodes.add(node);
        return node;
    }

    private static boolean knows(FlintNode node, String id) {
        return node.network().published().peers().stream()
                .anyMatch(p -> p.id().equals(id) && "ALIVE".equals(p.status()));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aNodeThatStartsFirstMeetsItsBootstrapPeerOnceThatIsUp() throws Exception {
        int portA = FreePort.any();
        FlintNode b = node("b", 0);
        Endpoint a = new Endpoint("127.0.0.1", portA);
        // its own address is in the list too, as in a pod whose PEER_NODES names every bootstrap pod
        new AddressBootstrap(b, List.of(a, b.advertisedEndpoint())).start();
        // long enough for b's first HELLO and the outbox's own retries of it (0.5 + 1 + 2 s) to fail:
        // only a later greeting can reach a
        Thread.sleep(5_000);
        assertThat(b.network().published().peers()).isEmpty();

        FlintNode nodeA = node("a", portA);

        await("b and a know each other", () -> knows(b, "a") && knows(nodeA, "b"));
        assertThat(b.network().published().peers()).extracting(PeerSnapshot::id).containsExactly("a");
    }
}
