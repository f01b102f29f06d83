package io.flint.net.memory;

import static io.flint.net.RecordingListener.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.net.RecordingListener;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemoryNetworkTest {

    private static final Endpoint A = new Endpoint("127.0.0.1", 5000);
    private static final Endpoint B = new Endpoint("127.0.0.1", 5001);
    private static final Endpoint C = new Endpoint("127.0.0.1", 5002);

    private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2025-01-01T00:00:00Z"));
    private final MemoryNetwork network = new MemoryNetwork(time, new SplittableRandom(7));

    /** A started transport and what it heard. */
    private record Node(MemoryTransport transport, RecordingListener heard) {}

    private Node node(Endpoint at) {
        return node(network, at);
    }

    private static Node node(MemoryNetwork on, Endpoint at) {
        MemoryTransport transport = on.newTransport();
        RecordingListener heard = new RecordingListener();
        transport.start(at, heard);
        return new Node(transport, heard);
    }

    private void settle() {
        time.runUntilIdle(100_000);
    }

    @Test
    void framesArriveWholeAndInOrderOverOneConnection() {
        Node a = node(A);
        Node b = node(B);
        for (int i = 0; i < 200; i++) {
            a.transport().send(B, utf8("{\"n\":" + i + "}"));
        }
        settle();

        assertThat(b.heard().texts()).containsExactlyElementsOf(
                IntStream.range(0, 200).mapToObj(i -> "{\"n\":" + i + "}").toList());
        assertThat(a.heard().connected()).singleElement().satisfies(e -> {
            assertThat(e.connection().inbound()).isFalse();
            assertThat(e.endpoint()).isEqualTo(B);
        });
        assertThat(b.heard().connected()).singleElement().satisfies(e -> {
            assertThat(e.connection().inbound()).isTrue();
            assertThat(e.endpoint().host()).isEqualTo(A.host());
            assertThat(e.endpoint().port()).isNotEqualTo(A.port()); // an ephemeral port, as on TCP
        });
        assertThat(a.transport().connectedEndpoints()).containsExactly(B);
        assertThat(b.transport().connectedEndpoints()).isEmpty(); // nothing bound yet
    }

    @Test
    void repliesTravelBackOverTheDialersConnectionOnceBound() {
        Node a = node(A);
        Node b = node(B);
        a.transport().send(B, utf8("hello"));
        settle();
        ConnectionId inbound = b.heard().frames().get(0).connection();

        b.transport().bind(inbound, A);
        b.transport().send(A, utf8("welcome"));
        assertThat(b.transport().send(inbound, utf8("direct"))).isTrue();
        settle();

        assertThat(a.heard().texts()).containsExactly("welcome", "direct");
        ConnectionId outbound = a.heard().connected().get(0).connection();
        assertThat(a.heard().frames()).allSatisfy(f -> assertThat(f.connection()).isEqualTo(outbound));
        assertThat(a.heard().connected()).hasSize(1); // B never dialled A
        assertThat(b.heard().connected()).hasSize(1);
        assertThat(b.transport().connectedEndpoints()).containsExactly(A);
    }

    @Test
    void natedNodeIsReachableOnlyOverItsOwnConnectionsOrFromItsLocalNetwork() {
        Node natted = node(A);
        Node outsider = node(B);
        Node neighbour = node(C);
        network.setNat(A, "home");
        network.setLocalNetwork(C, "home");

        outsider.transport().send(A, utf8("knock"));
        settle();
        assertThat(natted.heard().frames()).isEmpty();
        assertThat(natted.heard().connected()).isEmpty();
        assertThat(outsider.heard().sendFailures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("timed out"));
        assertThat(time.now()).isEqualTo(Instant.parse("2025-01-01T00:00:05Z")); // the connect timeout

        neighbour.transport().send(A, utf8("hi from the same LAN"));
        natted.transport().send(B, utf8("hello from behind NAT"));
        settle();
        ConnectionId fromNatted = outsider.heard().frames().get(0).connection();
        outsider.transport().bind(fromNatted, A);
        outsider.transport().send(A, utf8("reply through the hole"));
        settle();

        assertThat(natted.heard().texts()).containsExactlyInAnyOrder("hi from the same LAN", "reply through the hole");
        assertThat(outsider.heard().connected()).hasSize(1); // only the NATed node's connection
    }

    @Test
    void latencyDecidesWhoHearsFirstInVirtualTime() {
        Node a = node(A);
        Node b = node(B);
        Node c = node(C);
        network.setConditions(A, B, LinkConditions.PERFECT.withLatency(Duration.ofMillis(50)));
        network.setConditions(A, C, LinkConditions.PERFECT.withLatency(Duration.ofMillis(10)));
        a.transport().send(B, utf8("to b"));
        a.transport().send(C, utf8("to c"));

        // a dial is one delay out and one back, then the frame is one more delay
        time.runFor(Duration.ofMillis(29));
        assertThat(c.heard().frames()).isEmpty();
        time.runFor(Duration.ofMillis(1));
        assertThat(c.heard().texts()).containsExactly("to c");
        assertThat(b.heard().frames()).isEmpty();
        time.runFor(Duration.ofMillis(119));
        assertThat(b.heard().frames()).isEmpty();
        time.runFor(Duration.ofMillis(1));
        assertThat(b.heard().texts()).containsExactly("to b");
    }

    @Test
    void jitterNeverReordersFramesOnAConnection() {
        Node a = node(A);
        Node b = node(B);
        network.setDefaultConditions(new LinkConditions(Duration.ofMillis(20), Duration.ofMillis(200), 0));
        List<Instant> arrivals = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            a.transport().send(B, utf8(Integer.toString(i)));
        }
        while (time.runNext()) {
            if (arrivals.size() < b.heard().frames().size()) {
                arrivals.add(time.now());
            }
        }
        assertThat(b.heard().texts()).containsExactlyElementsOf(
                IntStream.range(0, 300).mapToObj(Integer::toString).toList());
        assertThat(arrivals).isSorted();
    }

    @Test
    void lossWithASeededRandomIsReproducible() {
        List<String> first = lossRun(42);
        List<String> again = lossRun(42);
        List<String> other = lossRun(43);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first.size()).isBetween(600, 800); // 30% of 1000 lost, within a wide margin
    }

    private static List<String> lossRun(long seed) {
        VirtualScheduler clock = new VirtualScheduler(Instant.EPOCH);
        MemoryNetwork lossy = new MemoryNetwork(clock, new SplittableRandom(seed));
        lossy.setDefaultConditions(new LinkConditions(Duration.ofMillis(5), Duration.ofMillis(5), 0.3));
        Node a = node(lossy, A);
        Node b = node(lossy, B);
        for (int i = 0; i < 1000; i++) {
            a.transport().send(B, utf8(Integer.toString(i)));
        }
        clock.runUntilIdle(100_000);
        assertThat(lossy.framesLost() + lossy.framesDelivered()).isEqualTo(1000);
        return b.heard().texts();
    }

    @Test
    void partitionSilencesLinksUntilHealed() {
        Node a = node(A);
        Node b = node(B);
        Node c = node(C);
        a.transport().send(B, utf8("before"));
        settle();

        network.partition(Set.of(A), Set.of(B, C));
        a.transport().send(B, utf8("during"));
        a.transport().send(C, utf8("dial across"));
        settle();
        assertThat(b.heard().texts()).containsExactly("before");
        assertThat(b.heard().disconnected()).isEmpty(); // a cut is silent
        assertThat(a.heard().sendFailures()).singleElement()
                .satisfies(f -> assertThat(f.endpoint()).isEqualTo(C));
        assertThat(c.heard().connected()).isEmpty();

        network.healPartitions();
        a.transport().send(B, utf8("after"));
        a.transport().send(C, utf8("dial again"));
        settle();
        assertThat(b.heard().texts()).containsExactly("before", "after");
        assertThat(c.heard().texts()).containsExactly("dial again");
    }

    @Test
    void downNodeResetsItsConnectionsLosesInFlightFramesAndRefusesDials() {
        Node a = node(A);
        Node b = node(B);
        network.setDefaultConditions(LinkConditions.PERFECT.withLatency(Duration.ofMillis(10)));
        a.transport().send(B, utf8("first"));
        settle();
        a.transport().send(B, utf8("in flight"));
        time.runFor(Duration.ofMillis(5));

        network.setDown(B, true);
        settle();
        assertThat(b.heard().texts()).containsExactly("first");
        assertThat(b.heard().disconnected()).isEmpty(); // a crashed node hears nothing
        assertThat(a.heard().disconnected()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("connection reset by peer"));
        assertThat(a.transport().connectedEndpoints()).isEmpty();

        a.transport().send(B, utf8("while down"));
        settle();
        assertThat(a.heard().sendFailures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("connection refused by " + B));

        network.setDown(B, false);
        a.transport().send(B, utf8("back"));
        settle();
        assertThat(b.heard().texts()).containsExactly("first", "back");
        assertThat(network.framesLost()).isEqualTo(1);
    }

    @Test
    void framesBreakingTheRulesAreBadFramesAndCloseTheConnection() {
        MemoryTransport strict = network.newTransport(16);
        RecordingListener strictHeard = new RecordingListener();
        strict.start(B, strictHeard);
        Node a = node(A);

        a.transport().send(B, utf8("{\"type\":\"PING\", \"too\":\"long\"}"));
        settle();
        assertThat(strictHeard.badFrames()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("frame length 29 exceeds the limit of 16 bytes"));
        assertThat(strictHeard.disconnected()).hasSize(1);
        assertThat(a.heard().disconnected()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("closed by peer"));

        a.transport().send(B, new byte[] {'{', (byte) 0xC0, (byte) 0x80, '}'}); // overlong NUL
        settle();
        assertThat(strictHeard.badFrames()).hasSize(2).last()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("frame is not valid UTF-8 at byte offset 1"));

        a.transport().send(B, utf8("{}"));
        settle();
        assertThat(strictHeard.texts()).containsExactly("{}"); // still serving
    }

    @Test
    void framesTheSenderMayNotSendFailLocally() {
        MemoryTransport small = network.newTransport(8);
        RecordingListener heard = new RecordingListener();
        small.start(A, heard);
        Node b = node(B);

        small.send(B, new byte[0]);
        small.send(B, utf8("123456789"));
        settle();
        assertThat(heard.sendFailures()).extracting(RecordingListener.Event::reason).containsExactly(
                "frame length 0 (a frame has 1..8 bytes)", "frame length 9 exceeds the limit of 8 bytes");
        assertThat(b.heard().connected()).isEmpty();
    }

    @Test
    void closingOneConnectionTellsBothSides() {
        Node a = node(A);
        Node b = node(B);
        a.transport().send(B, utf8("x"));
        settle();
        ConnectionId outbound = a.heard().connected().get(0).connection();

        a.transport().close(outbound);
        settle();
        assertThat(a.heard().disconnected()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("closed locally"));
        assertThat(b.heard().disconnected()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("closed by peer"));
        assertThat(a.transport().send(outbound, utf8("late"))).isFalse();

        a.transport().send(B, utf8("redial"));
        settle();
        assertThat(a.heard().connected()).hasSize(2);
        assertThat(a.heard().connected().get(1).connection()).isNotEqualTo(outbound);
        assertThat(b.heard().texts()).containsExactly("x", "redial");
    }

    @Test
    void closedTransportFreesItsEndpointAndHearsNothingMore() {
        Node a = node(A);
        Node b = node(B);
        a.transport().send(B, utf8("x"));
        settle();

        b.transport().close();
        settle();
        assertThat(a.heard().disconnected()).hasSize(1);
        assertThat(b.heard().disconnected()).isEmpty();

        Node again = node(B);
        a.transport().send(B, utf8("to the new one"));
        settle();
        assertThat(again.heard().texts()).containsExactly("to the new one");
        assertThat(b.heard().texts()).containsExactly("x");
    }

    @Test
    void portZeroGetsAFreePortAndTakenEndpointsAreRefused() {
        Node first = node(new Endpoint("127.0.0.1", 0));
        Node second = node(new Endpoint("127.0.0.1", 0));

        assertThat(first.transport().localEndpoint().port()).isPositive();
        assertThat(second.transport().localEndpoint()).isNotEqualTo(first.transport().localEndpoint());
        assertThatThrownBy(() -> node(first.transport().localEndpoint()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("address already in use");
    }

    @Test
    void sendingToNobodyFailsAsRefused() {
        Node a = node(A);
        a.transport().send(C, utf8("anyone?"));
        a.transport().send(C, utf8("hello?"));
        settle();
        assertThat(a.heard().sendFailures()).hasSize(2)
                .allSatisfy(f -> assertThat(f.reason()).isEqualTo("connection refused by " + C));
    }
}
