package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.net.tcp.TcpTransport;
import io.flint.node.FlintNode;
import io.flint.node.NodeNetwork;
import io.flint.node.NodeSpec;
import io.flint.p2p.P2pConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that dies without GOODBYE (kill -9): its peers mark it UNREACHABLE after their ping
 * timeout and forget it after the further expiry, with the protocol's default timers; meanwhile
 * they dial it with backoff - a bounded number of attempts, none once it is forgotten - and
 * nobody gossips NEW_PEER about it.
 */
class CrashDetectionIT {
    private static final List<String> BOOTSTRAP = LoopbackNetworks.BOOTSTRAP;
    private NodeNetwork net;

    @BeforeEach
    void network(@TempDir Path dir) {
        net = LoopbackNetworks.network(dir, new SplittableRandom());
    }

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    void aCrashedNodeIsMarkedUnreachableThenForgottenWithoutAReconnectStorm() {
        LoopbackNetworks.startBootstrap(net);
        net.start(NodeSpec.full("d1").knowing("b0").joining());
        net.awaitMeshed(Duration.ofSeconds(20));
        P2pConfig timers = net.node("b0").network().config();
        List<FlintNode> survivors = BOOTSTRAP.stream().map(net::node).toList();
        long dialsBefore = dials(survivors);
        long newPeersBefore = sent(survivors, "NEW_PEER");

        long crashedAt = System.nanoTime();
        net.crash("d1");

        // UNREACHABLE after the ping timeout: the last message heard may be up to a ping interval old
        Duration unreachableBound = timers.peerTimeout().plus(timers.pingInterval()).plusSeconds(5);
        await().atMost(unreachableBound).pollInterval(Duration.ofMillis(200)).until(() -> survivors.stream()
                .allMatch(n -> "UNREACHABLE".equals(net.peerStatus(n).get("d1"))));
        Duration detected = Duration.ofNanos(System.nanoTime() - crashedAt);
        assertThat(detected).as("not before the timeout").isGreaterThanOrEqualTo(
                timers.peerTimeout().minus(timers.pingInterval()));

        // forgotten after the further expiry (a dynamic node is not a bootstrap peer)
        Duration forgetBound = timers.peerTimeout().plus(timers.peerExpiry()).plus(timers.pingInterval()).plusSeconds(10);
        await().atMost(forgetBound.minus(detected)).pollInterval(Duration.ofMillis(500))
                .until(() -> survivors.stream().noneMatch(n -> net.peerStatus(n).containsKey("d1")));
        Duration forgotten = Duration.ofNanos(System.nanoTime() - crashedAt);
        assertThat(forgotten).isGreaterThanOrEqualTo(timers.peerTimeout().plus(timers.peerExpiry())
                .minus(timers.pingInterval()));

        long dialsUntilForgotten = dials(survivors) - dialsBefore;
        // backoff: pings to a silent peer double up to 60 s and the transport backs off failed dials,
        // so each survivor dials a few times a minute at most, not every tick
        long perSurvivorPerMinute = dialsUntilForgotten * 60_000 / Math.max(1, forgotten.toMillis()) / survivors.size();
        System.out.printf("[crash] unreachable after %d ms, forgotten after %d ms, %d dials by %d survivors%n",
                detected.toMillis(), forgotten.toMillis(), dialsUntilForgotten, survivors.size());
        assertThat(perSurvivorPerMinute).as("dials per survivor per minute").isLessThanOrEqualTo(20);

        long dialsAtForget = dials(survivors);
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12))
                .until(() -> dials(survivors) == dialsAtForget);
        assertThat(sent(survivors, "NEW_PEER")).as("no NEW_PEER storm").isEqualTo(newPeersBefore);
        for (FlintNode n : survivors) {
            assertThat(net.alivePeers(n)).as(n.settings().id() + " keeps its other peers")
                    .containsAll(BOOTSTRAP.stream().filter(b -> !b.equals(n.settings().id())).toList());
        }
    }

    private static long dials(List<FlintNode> nodes) {
        return nodes.stream().mapToLong(n -> ((TcpTransport) n.transport()).dialAttempts()).sum();
    }

    private long sent(List<FlintNode> nodes, String type) {
        return nodes.stream().mapToLong(n -> net.snapshot(n).counters().sent().getOrDefault(type, 0L)).sum();
    }
}
