package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.MutableClock;
import io.flint.core.NetworkParams;
import io.flint.node.FlintNode;
import io.flint.node.NodeSettings;
import io.flint.p2p.snapshot.PeerSnapshot;
import io.flint.p2p.transport.Endpoint;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrap peers known only by address, as {@code PEER_NODES} gives them in a pod: a node that
 * starts before its bootstrap peer keeps greeting the address and meets the peer once it is up;
 * its own address in the list is skipped; an address given as a host name is met through what
 * the name resolves to, though peers advertise their IP. Two real nodes over loopback TCP.
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
        return node(id, port, Clock.systemUTC());
    }

    private FlintNode node(String id, int port, Clock clock) {
        NodeSettings.Builder b = new NodeSettings.Builder();
        b.id = id;
        b.network = NetworkParams.REGTEST;
        b.dataDir = dir.resolve(id);
        b.inMemoryChain = true;
        b.advertised = new Endpoint("127.0.0.1", port);
        b.apiPort = 0;
        b.scriptThreads = 1;
        FlintNode node = new FlintNode(b.build(), clock, new SecureRandom()).start();
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

    private static <T> T onLoop(FlintNode node, Callable<T> task) {
        return node.loop().call(task, Duration.ofSeconds(5));
    }

    @Test
    void anAddressGivenAsAHostNameIsMetThroughWhatItResolvesToAndGreetedAgainOnceItsPeerIsGone() throws Exception {
        FlintNode a = node("a", 0);
        // b's clock moves only when the test moves it (also while it waits: b's engine lives by it),
        // so an address comes due only when the test says
        MutableClock clock = new MutableClock(Instant.now());
        FlintNode b = node("b", 0, clock);
        // both advertise 127.0.0.1: the name 'localhost' equals no peer's endpoint, b's own included
        Endpoint nameOfA = new Endpoint("localhost", a.advertisedEndpoint().port());
        Endpoint nameOfB = new Endpoint("localhost", b.advertisedEndpoint().port());
        AddressBootstrap bootstrap = new AddressBootstrap(b, List.of(nameOfA, nameOfB));
        // not started: the test ticks it on b's loop, as start() does

        assertThat(onLoop(b, bootstrap::tick)).as("b's own name is not greeted").containsExactly(nameOfA);
        await("b and a know each other", () -> {
            clock.advance(Duration.ofMillis(100));
            return knows(b, "a") && knows(a, "b");
        });
        clock.advance(AddressBootstrap.FIRST_BACKOFF.multipliedBy(2));
        assertThat(onLoop(b, bootstrap::tick)).as("greetings once a, at its name, is known").isEmpty();

        a.stop(); // its GOODBYE makes b forget it
        await("b forgot a", () -> {
            clock.advance(Duration.ofMillis(100));
            return b.network().published().peers().isEmpty();
        });
        assertThat(onLoop(b, bootstrap::tick)).containsExactly(nameOfA);
        clock.advance(AddressBootstrap.FIRST_BACKOFF);
        assertThat(onLoop(b, bootstrap::tick)).as("the backoff starts again from its first step").containsExactly(nameOfA);
    }
}
