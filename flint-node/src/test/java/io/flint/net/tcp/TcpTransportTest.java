package io.flint.net.tcp;

import static io.flint.net.RecordingListener.utf8;
import static io.flint.net.tcp.TransportFixture.ANY_PORT;
import static io.flint.net.tcp.TransportFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.net.RecordingListener;
import io.flint.net.memory.VirtualScheduler;
import io.flint.net.tcp.TransportFixture.Node;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TcpTransport on loopback (127.0.0.x only): framing, reuse, bad frames, backoff, shutdown. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one set of I/O threads for all tests, as in a node
class TcpTransportTest {

    private static final String LOOPBACK = "127.0.0.1";

    @RegisterExtension
    final TransportFixture fixture = new TransportFixture();
    private final NettyResources io = fixture.io();

    private Node node(TcpConfig config, Clock clock, Endpoint listen) {
        return fixture.node(config, clock, listen);
    }

    private Node node() {
        return node(TcpConfig.DEFAULTS, Clock.systemUTC(), ANY_PORT);
    }

    @Test
    void framesRoundTripSmallExactlyMaxAndManyInOrder() {
        Node a = node();
        Node b = node();
        byte[] largest = new byte[TcpConfig.DEFAULTS.maxFrameBytes()];
        Arrays.fill(largest, (byte) 'x');

        a.transport().send(b.at(), utf8("{\"type\":\"PING\"}"));
        a.transport().send(b.at(), largest);
        for (int i = 0; i < 1000; i++) {
            a.transport().send(b.at(), utf8(Integer.toString(i)));
        }

        eventually().until(() -> b.heard().frames().size() == 1002);
        List<String> texts = b.heard().texts();
        assertThat(texts.get(0)).isEqualTo("{\"type\":\"PING\"}");
        assertThat(texts.get(1)).hasSize(largest.length).isEqualTo(new String(largest, StandardCharsets.UTF_8));
        assertThat(texts.subList(2, 1002)).containsExactlyElementsOf(
                IntStream.range(0, 1000).mapToObj(Integer::toString).toList());
        assertThat(a.transport().dialAttempts()).isEqualTo(1); // queued behind one dial, then reused
        assertThat(b.heard().frames()).extracting(RecordingListener.Received::connection).containsOnly(
                b.heard().connected().get(0).connection());
    }

    @Test
    void repliesReuseTheDialersConnectionOnceBound() {
        Node a = node();
        Node b = node();
        a.transport().send(b.at(), utf8("HELLO"));
        eventually().until(() -> b.heard().frames().size() == 1);
        RecordingListener.Received hello = b.heard().frames().get(0);
        assertThat(hello.connection().inbound()).isTrue();
        assertThat(hello.remote().host()).isEqualTo(LOOPBACK);

        b.transport().bind(hello.connection(), a.at());
        b.transport().send(a.at(), utf8("reply by endpoint"));
        assertThat(b.transport().send(hello.connection(), utf8("reply by connection"))).isTrue();

        eventually().until(() -> a.heard().frames().size() == 2);
        ConnectionId outbound = a.heard().connected().get(0).connection();
        assertThat(a.heard().texts()).containsExactly("reply by endpoint", "reply by connection");
        assertThat(a.heard().frames()).allSatisfy(f -> assertThat(f.connection()).isEqualTo(outbound));
        assertThat(b.transport().dialAttempts()).isZero();
        assertThat(a.heard().connected()).hasSize(1);
        assertThat(b.transport().connectedEndpoints()).containsExactly(a.at());
        assertThat(a.transport().connectedEndpoints()).containsExactly(b.at());
    }

    /**
     * On loopback, where 127.0.0.x addresses stand in for hosts, a dial goes out from the
     * dialler's own address: the far end sees which node connected (every dial came from
     * 127.0.0.1, so a researcher read a malicious node's first offences as "an unidentified
     * connection from 127.0.0.1").
     */
    @Test
    void aDialOnLoopbackComesFromTheDiallersOwnAddress() {
        Node a = node(TcpConfig.DEFAULTS, Clock.systemUTC(), new Endpoint("127.0.0.7", 0));
        Node b = node(TcpConfig.DEFAULTS, Clock.systemUTC(), new Endpoint("127.0.0.8", 0));
        a.transport().send(b.at(), utf8("HELLO"));
        eventually().until(() -> b.heard().frames().size() == 1);
        assertThat(b.heard().frames().get(0).remote().host()).isEqualTo("127.0.0.7");
        // elsewhere the route chooses: a node listening on every address, or on a name, binds nothing
        assertThat(TcpTransport.loopbackSource(new Endpoint("0.0.0.0", 5000), new Endpoint("127.0.0.8", 5001))).isEmpty();
        assertThat(TcpTransport.loopbackSource(new Endpoint("127.0.0.7", 5000), new Endpoint("10.0.0.8", 5001))).isEmpty();
        assertThat(TcpTransport.loopbackSource(new Endpoint("localhost", 5000), new Endpoint("127.0.0.8", 5001))).isEmpty();
        assertThat(TcpTransport.loopbackSource(new Endpoint("127.0.0.7", 5000), new Endpoint("127.0.0.8", 5001)))
                .hasValueSatisfying(s -> assertThat(s.getAddress().getHostAddress()).isEqualTo("127.0.0.7"));
    }

    @Test
    void zeroLengthIsABadFrameAndTheServerKeepsServing() throws IOException {
        assertBadFrameThenStillServing(new byte[] {0, 0, 0, 0}, "frame length 0 (a frame has 1..8388608 bytes)");
    }

    @Test
    void oversizeLengthIsRefusedFromThePrefixAlone() throws IOException {
        // only the 4-byte prefix is sent: the verdict cannot wait for (or allocate) 4 GiB
        assertBadFrameThenStillServing(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                "frame length 4294967295 exceeds the limit of 8388608 bytes");
    }

    @Test
    void invalidUtf8IsABadFrame() throws IOException {
        assertBadFrameThenStillServing(new byte[] {0, 0, 0, 4, '{', (byte) 0xC0, (byte) 0x80, '}'},
                "frame is not valid UTF-8 at byte offset 1");
    }

    @Test
    void garbageBytesAreABadFrame() throws IOException {
        // "GET " read as a length is 1195725856: the reason says it was text
        assertBadFrameThenStillServing("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "frame length 1195725856 exceeds the limit of 8388608 bytes (its 4 bytes read \"GET \": the far end "
                        + "speaks text, not Flint's frames; is that an HTTP port, such as a node's API port, rather than "
                        + "its P2P port?)");
    }

    private void assertBadFrameThenStillServing(byte[] badBytes, String expectedReason) throws IOException {
        Node server = node();
        try (RawClient client = RawClient.connect(server.at(), LOOPBACK)) {
            client.frame("ok").raw(badBytes);

            eventually().until(() -> server.heard().badFrames().size() == 1);
            assertThat(server.heard().texts()).containsExactly("ok"); // the good frame before it counted
            assertThat(server.heard().badFrames().get(0).reason()).isEqualTo(expectedReason);
            assertThat(server.heard().badFrames().get(0).endpoint().port()).isEqualTo(client.localPort());
            assertThat(client.closedByServer(10_000)).isTrue();
            eventually().until(() -> server.heard().disconnected().size() == 1);
            assertThat(server.heard().disconnected().get(0).reason()).isEqualTo("bad frame: " + expectedReason);
        }

        Node second = node();
        second.transport().send(server.at(), utf8("still there?"));
        eventually().until(() -> server.heard().frames().size() == 2);
        assertThat(server.heard().texts()).containsExactly("ok", "still there?");
        assertThat(server.heard().badFrames()).hasSize(1);
    }

    @Test
    void deadEndpointFailsFastDuringBackoffAndRecoversWhenThePeerComesUp() throws IOException {
        VirtualScheduler time = new VirtualScheduler(Instant.parse("2025-01-01T00:00:00Z"));
        Endpoint dead = new Endpoint(LOOPBACK, freePort());
        Node a = node(TcpConfig.DEFAULTS, time.clock(), ANY_PORT);

        a.transport().send(dead, utf8("1"));
        eventually().until(() -> a.heard().sendFailures().size() == 1);
        assertThat(a.heard().sendFailures().get(0).reason())
                .startsWith("cannot connect to " + dead).endsWith("(attempt 1, next in 500 ms)");
        assertThat(a.heard().sendFailures().get(0).endpoint()).isEqualTo(dead);

        for (int i = 0; i < 20; i++) {
            a.transport().send(dead, utf8("storm"));
        }
        eventually().until(() -> a.heard().sendFailures().size() == 21);
        assertThat(a.transport().dialAttempts()).isEqualTo(1);
        assertThat(a.heard().sendFailures().get(20).reason())
                .isEqualTo("not dialling " + dead + " for another 500 ms after 1 failed attempt(s)");

        time.runFor(Duration.ofMillis(500));
        a.transport().send(dead, utf8("2"));
        eventually().until(() -> a.heard().sendFailures().size() == 22);
        assertThat(a.transport().dialAttempts()).isEqualTo(2);
        assertThat(a.heard().sendFailures().get(21).reason()).endsWith("(attempt 2, next in 1000 ms)");

        Node revived = node(TcpConfig.DEFAULTS, Clock.systemUTC(), dead);
        a.transport().send(dead, utf8("too early"));
        time.runFor(Duration.ofMillis(1000));
        a.transport().send(dead, utf8("3"));
        eventually().until(() -> revived.heard().frames().size() == 1);
        assertThat(revived.heard().texts()).containsExactly("3");
        assertThat(a.transport().dialAttempts()).isEqualTo(3);
        assertThat(a.heard().sendFailures()).hasSize(23);
    }

    @Test
    void aDialNobodyAnswersTimesOut() throws IOException {
        // a listener whose accept queue is full drops further SYNs: the dial hears nothing
        try (ServerSocket full = new ServerSocket()) {
            full.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            Endpoint silent = new Endpoint(LOOPBACK, full.getLocalPort());
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket filler = new Socket();
                    filler.connect(new InetSocketAddress(LOOPBACK, full.getLocalPort()), 200);
                    fillers.add(filler);
                }
            } catch (IOException queueAlreadyFull) {
                // fewer fillers were needed
            }
            Node a = node(TcpConfig.DEFAULTS.withConnectTimeout(Duration.ofMillis(300)), Clock.systemUTC(), ANY_PORT);
            a.transport().send(silent, utf8("anyone?"));
            eventually().until(() -> a.heard().sendFailures().size() == 1);
            assertThat(a.heard().sendFailures().get(0).reason())
                    .startsWith("cannot connect to " + silent + ": connection timed out");
            for (Socket filler : fillers) {
                filler.close();
            }
        }
    }

    @Test
    void closeReleasesThePortAndPeersNotice() {
        Node a = node();
        Node b = node();
        Endpoint port = b.at();
        a.transport().send(port, utf8("first"));
        eventually().until(() -> b.heard().frames().size() == 1);

        b.transport().close();
        eventually().until(() -> a.heard().disconnected().size() == 1);
        assertThat(b.heard().disconnected()).isEmpty(); // nothing after close

        Node again = node(TcpConfig.DEFAULTS, Clock.systemUTC(), port);
        a.transport().send(port, utf8("second"));
        eventually().until(() -> again.heard().frames().size() == 1);
        assertThat(again.heard().texts()).containsExactly("second");
    }

    @Test
    void closingOneConnectionTellsBothSidesAndTheNextSendRedials() {
        Node a = node();
        Node b = node();
        a.transport().send(b.at(), utf8("x"));
        eventually().until(() -> b.heard().frames().size() == 1);
        ConnectionId inbound = b.heard().frames().get(0).connection();

        b.transport().close(inbound);
        eventually().until(() -> a.heard().disconnected().size() == 1 && b.heard().disconnected().size() == 1);
        assertThat(b.heard().disconnected().get(0).reason()).isEqualTo("closed locally");
        assertThat(a.heard().disconnected().get(0).reason()).isEqualTo("closed by peer");
        assertThat(b.transport().send(inbound, utf8("late"))).isFalse();

        a.transport().send(b.at(), utf8("y"));
        eventually().until(() -> b.heard().frames().size() == 2);
        assertThat(a.transport().dialAttempts()).isEqualTo(2);
    }

    @Test
    void framesTheRulesForbidFailBeforeTheWire() {
        Node a = node(TcpConfig.DEFAULTS.withMaxFrameBytes(16), Clock.systemUTC(), ANY_PORT);
        Node b = node();
        a.transport().send(b.at(), new byte[0]);
        a.transport().send(b.at(), new byte[17]);

        eventually().until(() -> a.heard().sendFailures().size() == 2);
        assertThat(a.heard().sendFailures()).extracting(RecordingListener.Event::reason).containsExactlyInAnyOrder(
                "frame length 0 (a frame has 1..16 bytes)", "frame length 17 exceeds the limit of 16 bytes");
        assertThat(a.transport().dialAttempts()).isZero();
    }

    @Test
    void aPeerThatStopsReadingCostsBoundedMemory() throws IOException {
        int frame = 64 * 1024;
        TcpConfig config = TcpConfig.DEFAULTS.withMaxFrameBytes(frame).withWriteBufferLimitBytes(4L * (frame + 4));
        Node a = node(config, Clock.systemUTC(), ANY_PORT);
        try (ServerSocket sink = new ServerSocket()) {
            sink.bind(new InetSocketAddress(LOOPBACK, 0));
            Endpoint stalled = new Endpoint(LOOPBACK, sink.getLocalPort());
            byte[] payload = new byte[frame];
            Arrays.fill(payload, (byte) 'z');
            a.transport().send(stalled, payload);
            try (Socket accepted = sink.accept()) { // accepted, never read
                eventually().until(() -> a.transport().connectedEndpoints().contains(stalled));
                int sent = 2000; // 128 MiB: far more than kernel buffers and the limit hold
                for (int i = 0; i < sent; i++) {
                    a.transport().send(stalled, payload);
                }
                eventually().until(() -> a.heard().sendFailures().size() > sent / 2);
                assertThat(a.heard().sendFailures())
                        .allSatisfy(f -> assertThat(f.reason()).startsWith("write buffer for " + stalled + " is full"));
                assertThat(accepted.getInputStream().available()).isPositive(); // it is all still unread
            }
        }
    }

    @Test
    void transportsOnSharedResourcesUseOnlyItsThreads() {
        Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
        List<TcpTransport> nodes = new ArrayList<>();
        List<RecordingListener> heard = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TcpTransport transport = new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), io);
            fixture.closeAfterTest(transport);
            RecordingListener listener = new RecordingListener() {
                @Override
                public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
                    callbackThreads.add(Thread.currentThread().getName());
                    super.onFrame(connection, remote, payload);
                }
            };
            transport.start(new Endpoint("127.0.0." + (i + 1), 0), listener);
            nodes.add(transport);
            heard.add(listener);
        }
        for (TcpTransport from : nodes) {
            for (TcpTransport to : nodes) {
                if (from != to) {
                    from.send(to.localEndpoint(), utf8("hi from " + from.localEndpoint()));
                }
            }
        }
        eventually().until(() -> heard.stream().allMatch(h -> h.frames().size() == 9));
        assertThat(callbackThreads).hasSizeLessThanOrEqualTo(2).allSatisfy(name -> assertThat(name).startsWith("flint-net"));

        nodes.get(0).close(); // a closed transport leaves the shared threads running
        nodes.get(1).send(nodes.get(2).localEndpoint(), utf8("after"));
        eventually().until(() -> heard.get(2).frames().size() == 10);
    }

    @Test
    void listeningOnATakenPortFailsClearly() {
        Node a = node();
        TcpTransport clash = new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), io);
        fixture.closeAfterTest(clash);
        assertThatThrownBy(() -> clash.start(a.at(), new RecordingListener()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot listen on " + a.at());
        clash.start(ANY_PORT, new RecordingListener()); // a failed start leaves it startable
        assertThat(clash.localEndpoint().port()).isNotEqualTo(a.at().port());
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            return probe.getLocalPort();
        }
    }
}
