package io.flint.net.tcp;

import static io.flint.net.RecordingListener.utf8;
import static io.flint.net.tcp.TransportFixture.ANY_PORT;
import static io.flint.net.tcp.TransportFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.net.tcp.TransportFixture.Node;
import io.flint.p2p.transport.Endpoint;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ConnectionLimits} on real sockets (loopback): what a node keeps when a remote side opens
 * too many connections, says nothing, drips a frame, or parks large half-frames.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpConnectionLimitsTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    @RegisterExtension
    final TransportFixture fixture = new TransportFixture();

    private Node node(ConnectionLimits limits) {
        return node(TcpConfig.DEFAULTS.withLimits(limits));
    }

    private Node node(TcpConfig config) {
        return fixture.node(config, Clock.systemUTC(), ANY_PORT);
    }

    private RawClient client(Node server, String fromHost) throws IOException {
        return fixture.closeAfterTest(RawClient.connect(server.at(), fromHost));
    }

    @Test
    void inboundConnectionsBeyondTheLimitAreClosedAtAcceptAndCountedWhileOthersStayServed() throws IOException {
        Node server = node(ConnectionLimits.DEFAULTS.withInbound(3, 3, true));
        List<RawClient> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(client(server, "127.0.0.1").frame("hello " + i));
        }
        eventually().until(() -> server.heard().frames().size() == 3);

        RawClient extra = client(server, "127.0.0.1");
        assertThat(extra.closedByServer(10_000)).isTrue();
        assertThat(server.transport().stats().refusedInboundLimit()).isEqualTo(1);
        assertThat(server.transport().stats().inbound()).isEqualTo(3);
        assertThat(server.heard().connected()).hasSize(3); // the engine never hears of a refused one

        first.get(0).frame("still served");
        eventually().until(() -> server.heard().texts().contains("still served"));

        first.get(1).close();
        eventually().until(() -> server.transport().stats().inbound() == 2);
        client(server, "127.0.0.1").frame("a slot freed");
        eventually().until(() -> server.heard().texts().contains("a slot freed"));
        assertThat(server.transport().stats().refusedInboundLimit()).isEqualTo(1);
    }

    @Test
    void whenEverySlotIsTakenAHostWithFewerConnectionsEvictsTheNewestOfTheHostWithTheMost() throws IOException {
        Node server = node(ConnectionLimits.DEFAULTS.withInbound(4, 3, false));
        List<RawClient> flooder = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            flooder.add(client(server, "127.0.0.2").frame("flood " + i));
            int opened = i + 1;
            eventually().until(() -> server.heard().frames().size() == opened); // so their order is known
        }
        RawClient honest = client(server, "127.0.0.3").frame("honest");
        eventually().until(() -> server.heard().frames().size() == 4);

        RawClient newcomer = client(server, "127.0.0.4").frame("newcomer");
        eventually().until(() -> server.heard().texts().contains("newcomer"));
        assertThat(flooder.get(2).closedByServer(10_000)).isTrue(); // the flooding host's newest
        eventually().until(() -> server.heard().disconnected().size() == 1);
        assertThat(server.heard().disconnected().get(0).reason())
                .isEqualTo("evicted: all 4 inbound slots taken, 3 of them from 127.0.0.2");
        assertThat(flooder.get(0).closedByServer(50)).isFalse();
        assertThat(honest.closedByServer(50)).isFalse();
        assertThat(newcomer.closedByServer(50)).isFalse();
        assertThat(server.transport().stats().evictedInbound()).isEqualTo(1);

        // the flooder, now 2, cannot take a slot back from hosts of 1, nor can a host of 1 evict a host of 2
        RawClient again = client(server, "127.0.0.2");
        assertThat(again.closedByServer(10_000)).isTrue();
        RawClient second = client(server, "127.0.0.3");
        assertThat(second.closedByServer(10_000)).isTrue();
        assertThat(server.transport().stats()).satisfies(s -> {
            assertThat(s.evictedInbound()).isEqualTo(1);
            assertThat(s.refusedInboundLimit()).isEqualTo(2);
            assertThat(s.inbound()).isEqualTo(4);
        });
    }

    @Test
    void aLocalClusterAllOnOneAddressNeverEvictsItsOwn() throws IOException {
        Node server = node(ConnectionLimits.DEFAULTS.withInbound(3, 3, true));
        for (int i = 0; i < 3; i++) {
            client(server, "127.0.0.1").frame("node " + i);
        }
        eventually().until(() -> server.heard().frames().size() == 3);
        assertThat(client(server, "127.0.0.1").closedByServer(10_000)).isTrue();
        assertThat(server.transport().stats().evictedInbound()).isZero();
        assertThat(server.transport().stats().refusedInboundLimit()).isEqualTo(1);
        assertThat(server.heard().disconnected()).isEmpty();
    }

    @Test
    void oneHostGetsAtMostItsShareWhileOtherHostsStillConnect() throws IOException {
        Node server = node(ConnectionLimits.DEFAULTS.withInbound(10, 2, false));
        client(server, "127.0.0.1").frame("a");
        client(server, "127.0.0.1").frame("b");
        eventually().until(() -> server.heard().frames().size() == 2);

        RawClient third = client(server, "127.0.0.1");
        assertThat(third.closedByServer(10_000)).isTrue();
        assertThat(server.transport().stats().refusedHostLimit()).isEqualTo(1);

        client(server, "127.0.0.2").frame("another host");
        eventually().until(() -> server.heard().texts().contains("another host"));
        assertThat(server.transport().stats().refusedHostLimit()).isEqualTo(1);
        assertThat(server.transport().stats().refusedInboundLimit()).isZero();
    }

    @Test
    void thisMachineIsExemptFromThePerHostLimitByDefaultSoALocalClusterFits() throws IOException {
        assertThat(ConnectionLimits.DEFAULTS.exemptLocal()).isTrue();
        Node server = node(ConnectionLimits.DEFAULTS.withInbound(10, 2, true));
        for (int i = 0; i < 6; i++) {
            client(server, "127.0.0.1").frame("node " + i);
        }
        eventually().until(() -> server.heard().frames().size() == 6);
        assertThat(server.transport().stats().refusedHostLimit()).isZero();
        assertThat(server.transport().stats().inbound()).isEqualTo(6);
    }

    @Test
    void aSilentInboundConnectionIsClosedButQuietPeersAndOutboundConnectionsStay() throws IOException {
        // the frame timeout is the shorter: once the silent one is closed, a quiet one has been quiet longer than both
        Node server = node(ConnectionLimits.DEFAULTS.withTimeouts(SHORT.multipliedBy(2), SHORT));
        Node other = node(ConnectionLimits.DEFAULTS);
        RawClient quiet = client(server, "127.0.0.1").frame("hello, then nothing");
        eventually().until(() -> server.heard().frames().size() == 1);
        server.transport().send(other.at(), utf8("outbound, never answered"));
        eventually().until(() -> other.heard().frames().size() == 1);

        RawClient silent = client(server, "127.0.0.1");
        assertThat(silent.closedByServer(10_000)).isTrue();
        eventually().until(() -> server.transport().stats().closedNoFirstFrame() == 1);
        assertThat(server.heard().disconnected()).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("no frame within 600 ms"));

        assertThat(quiet.closedByServer(50)).isFalse();
        quiet.frame("still here");
        server.transport().send(other.at(), utf8("same outbound connection"));
        eventually().until(() -> server.heard().texts().contains("still here") && other.heard().frames().size() == 2);
        assertThat(server.transport().dialAttempts()).isEqualTo(1);
        assertThat(server.transport().stats()).satisfies(s -> {
            assertThat(s.inbound()).isEqualTo(1);
            assertThat(s.outbound()).isEqualTo(1);
            assertThat(s.closedStalledFrame()).isZero();
        });
    }

    @Test
    void aFrameWhoseBytesTrickleInBelowTheMinimumRateClosesItsConnection() throws Exception {
        Node server = node(ConnectionLimits.DEFAULTS.withTimeouts(Duration.ofMinutes(1), SHORT));
        RawClient slow = client(server, "127.0.0.1").frame("hello").partialFrame(1_000, 10);
        eventually().until(() -> server.heard().frames().size() == 1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread drip = new Thread(() -> {
            // a byte every 20 ms: always progress, never a frame
            try {
                while (!stop.get()) {
                    slow.raw(new byte[] {'x'});
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException closed) {
                // the server closed it: what the test waits for
            }
        });
        drip.start();
        try {
            eventually().until(() -> server.transport().stats().closedStalledFrame() == 1);
            assertThat(slow.closedByServer(10_000)).isTrue();
            eventually().until(() -> server.heard().disconnected().size() == 1);
            assertThat(server.heard().disconnected().get(0).reason()).startsWith("a frame arrived slower than 2048 bytes/s");
            assertThat(server.heard().badFrames()).isEmpty(); // a slow peer is not charged as a liar
            assertThat(server.transport().stats().incompleteFrameBytes()).isZero();
        } finally {
            stop.set(true);
            drip.join();
        }
    }

    @Test
    void aLargeFrameOverASlowButSteadyLinkArrivesThoughItTakesLongerThanTheFrameTimeout() throws Exception {
        // 1 s without a byte closes; above 1,000 bytes/s any age is fine. 12,000 bytes at about
        // 4,000 bytes/s take 3 s: a fixed 1 s per frame would have cut it
        Duration frameTimeout = Duration.ofSeconds(1);
        Node server = node(ConnectionLimits.DEFAULTS.withTimeouts(Duration.ofMinutes(1), frameTimeout)
                .withMinFrameBytesPerSecond(1_000));
        RawClient steady = client(server, "127.0.0.1").frame("hello");
        int size = 12_000;
        long started = System.nanoTime();
        steady.partialFrame(size, 0);
        byte[] chunk = utf8("x".repeat(100));
        for (int sent = 0; sent < size; sent += chunk.length) {
            steady.raw(chunk);
            Thread.sleep(25);
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        eventually().until(() -> server.heard().frames().size() == 2);
        assertThat(tookMillis).as("the frame took longer than the frame timeout").isGreaterThan(frameTimeout.toMillis());
        assertThat(server.heard().frames().get(1).text()).hasSize(size);
        assertThat(server.transport().stats().closedStalledFrame()).isZero();
        assertThat(steady.closedByServer(50)).isFalse();
    }

    @Test
    void aFrameWhoseBytesStopClosesItsConnectionAfterTheFrameTimeout() throws IOException {
        Node server = node(ConnectionLimits.DEFAULTS.withTimeouts(Duration.ofMinutes(1), SHORT));
        RawClient stopped = client(server, "127.0.0.1").frame("hello").partialFrame(100_000, 50_000);
        assertThat(stopped.closedByServer(10_000)).isTrue();
        eventually().until(() -> server.heard().disconnected().size() == 1);
        assertThat(server.heard().disconnected().get(0).reason()).isEqualTo("no byte of a started frame for 300 ms");
        assertThat(server.transport().stats().closedStalledFrame()).isEqualTo(1);
        assertThat(server.transport().stats().incompleteFrameBytes()).isZero();
    }

    @Test
    void whileReadingIsPausedNoFrameIsLateAndNoConnectionSilent() throws IOException {
        ConnectionLimits quick = ConnectionLimits.DEFAULTS.withTimeouts(SHORT, SHORT);
        Node paused = node(quick);
        Node witness = node(quick); // the same limits, reading: shows when they have run out
        RawClient midFrame = client(paused, "127.0.0.1").frame("hello").partialFrame(10, 4);
        eventually().until(() -> paused.heard().frames().size() == 1
                && paused.transport().stats().incompleteFrameBytes() == 8);
        paused.transport().pauseReading(true);
        RawClient silent = client(paused, "127.0.0.1");
        eventually().until(() -> paused.transport().stats().inbound() == 2);

        RawClient late = client(witness, "127.0.0.1").frame("hello").partialFrame(10, 4);
        RawClient mute = client(witness, "127.0.0.1");
        assertThat(late.closedByServer(10_000)).isTrue();
        assertThat(mute.closedByServer(10_000)).isTrue();
        assertThat(midFrame.closedByServer(50)).isFalse();
        assertThat(silent.closedByServer(50)).isFalse();
        assertThat(paused.transport().stats().closedStalledFrame() + paused.transport().stats().closedNoFirstFrame())
                .isZero();

        paused.transport().pauseReading(false);
        midFrame.raw(utf8("\"done\""));
        eventually().until(() -> paused.heard().texts().contains("xxxx\"done\""));
        assertThat(silent.closedByServer(10_000)).isTrue(); // the clock runs again once reading resumes
        assertThat(paused.transport().stats().closedNoFirstFrame()).isEqualTo(1);
    }

    @Test
    void incompleteFramesShareABudgetAndTheConnectionThatWouldExceedItIsClosed() throws IOException {
        int frame = 1 << 20;
        long budget = (long) frame * 2 + 1024; // room for two frames of 900 KB in progress, not three
        Node server = node(TcpConfig.DEFAULTS.withMaxFrameBytes(frame)
                .withLimits(ConnectionLimits.DEFAULTS.withIncompleteFrameBudgetBytes(budget)));
        int part = 900_000;
        RawClient a = client(server, "127.0.0.1").partialFrame(frame, part);
        RawClient b = client(server, "127.0.0.1").partialFrame(frame, part);
        eventually().until(() -> server.transport().stats().incompleteFrameBytes() == 2L * (part + 4));

        RawClient c = client(server, "127.0.0.1");
        try {
            c.partialFrame(frame, part);
        } catch (java.net.SocketException closedWhileSending) {
            // the server may close it before all 900 KB are written ("Broken pipe"): what is tested
        }
        assertThat(c.closedByServer(10_000)).isTrue();
        eventually().until(() -> server.transport().stats().closedOverBudget() == 1);
        assertThat(server.transport().stats().incompleteFrameBytes()).isEqualTo(2L * (part + 4));
        assertThat(server.heard().badFrames()).isEmpty();

        a.raw(new byte[frame - part]); // a completes its frame: its bytes leave the budget
        eventually().until(() -> server.heard().frames().size() == 1);
        assertThat(server.heard().frames().get(0).text()).hasSize(frame);
        eventually().until(() -> server.transport().stats().incompleteFrameBytes() == part + 4);
        RawClient d = client(server, "127.0.0.1").partialFrame(frame, part);
        eventually().until(() -> server.transport().stats().incompleteFrameBytes() == 2L * (part + 4));
        assertThat(d.closedByServer(50)).isFalse();
        assertThat(b.closedByServer(50)).isFalse();

        b.close(); // a closed connection gives its bytes back
        eventually().until(() -> server.transport().stats().incompleteFrameBytes() == part + 4);
    }

    @Test
    void connectionsFromThisMachineAreTheOnesExempt() {
        ConnectionLimits limits = ConnectionLimits.DEFAULTS;
        assertThat(limits.limitsHost("127.0.0.1", "127.0.0.1")).isFalse();
        assertThat(limits.limitsHost("127.0.0.25", "10.1.2.3")).isFalse();
        assertThat(limits.limitsHost("0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1")).isFalse();
        assertThat(limits.limitsHost("10.1.2.3", "10.1.2.3")).isFalse(); // a node advertising the machine's address
        assertThat(limits.limitsHost("10.1.2.4", "10.1.2.3")).isTrue();
        assertThat(limits.withInbound(125, 16, false).limitsHost("127.0.0.1", "127.0.0.1")).isTrue();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> ConnectionLimits.DEFAULTS.withInbound(10, 11, true))
                .hasMessageContaining("per host must be 1..10");
        assertThatThrownBy(() -> TcpConfig.DEFAULTS.withLimits(ConnectionLimits.DEFAULTS.withIncompleteFrameBudgetBytes(1000)))
                .hasMessageContaining("cannot hold one frame");
        assertThat(TcpConfig.DEFAULTS.withMaxFrameBytes(100 << 20).limits().incompleteFrameBudgetBytes())
                .isEqualTo((100L << 20) + 4);
    }
}
