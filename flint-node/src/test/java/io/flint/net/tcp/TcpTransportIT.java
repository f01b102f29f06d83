package io.flint.net.tcp;

import static io.flint.net.RecordingListener.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.net.RecordingListener;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Fifty nodes in one JVM on four shared I/O threads, on 127.0.0.x: each dials eight
 * neighbours, every neighbour binds the connection (as after HELLO) and answers over it, and
 * every frame arrives, in order per connection, with no node dialling anyone twice.
 */
class TcpTransportIT {

    private static final int NODES = 50;
    private static final int NEIGHBOURS = 8;
    private static final int FRAMES = 100;

    @Test
    void fiftyNodesShareFourThreadsAndReuseEveryConnection() {
        Map<String, Integer> threadsSeen = new ConcurrentHashMap<>();
        List<TcpTransport> nodes = new ArrayList<>();
        List<RecordingListener> heard = new ArrayList<>();
        try (NettyResources io = NettyResources.create(4)) {
            try {
                for (int i = 0; i < NODES; i++) {
                    TcpTransport node = new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), io);
                    int index = i;
                    RecordingListener listener = new RecordingListener() {
                        @Override
                        public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
                            threadsSeen.merge(Thread.currentThread().getName(), 1, Integer::sum);
                            super.onFrame(connection, remote, payload);
                            String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
                            if (text.startsWith("hello ")) { // "hello <listen endpoint>"
                                nodes.get(index).bind(connection, Endpoint.parse(text.substring(6)));
                            }
                        }
                    };
                    node.start(new Endpoint("127.0.0." + (1 + i % 20), 0), listener);
                    nodes.add(node);
                    heard.add(listener);
                }
                for (int i = 0; i < NODES; i++) {
                    TcpTransport from = nodes.get(i);
                    for (int k = 1; k <= NEIGHBOURS; k++) {
                        Endpoint to = nodes.get((i + k) % NODES).localEndpoint();
                        from.send(to, utf8("hello " + from.localEndpoint()));
                        for (int n = 0; n < FRAMES; n++) {
                            from.send(to, utf8(from.localEndpoint() + " #" + n));
                        }
                    }
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> heard.stream()
                        .allMatch(h -> h.frames().size() == NEIGHBOURS * (FRAMES + 1)));

                // answers go back over the dialler's connections
                for (int i = 0; i < NODES; i++) {
                    for (int k = 1; k <= NEIGHBOURS; k++) {
                        TcpTransport to = nodes.get((i - k + NODES) % NODES);
                        nodes.get(i).send(to.localEndpoint(), utf8("ack from " + nodes.get(i).localEndpoint()));
                    }
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> heard.stream()
                        .allMatch(h -> h.frames().size() == NEIGHBOURS * (FRAMES + 1) + NEIGHBOURS));

                for (int i = 0; i < NODES; i++) {
                    TcpTransport node = nodes.get(i);
                    RecordingListener listener = heard.get(i);
                    assertThat(node.dialAttempts()).isEqualTo(NEIGHBOURS);
                    assertThat(listener.connected()).hasSize(2 * NEIGHBOURS);
                    assertThat(listener.badFrames()).isEmpty();
                    assertThat(listener.sendFailures()).isEmpty();
                    assertInOrderPerConnection(listener);
                    Predicate<RecordingListener.Received> ack = f -> f.text().startsWith("ack from ");
                    assertThat(listener.frames().stream().filter(ack))
                            .hasSize(NEIGHBOURS)
                            .allSatisfy(f -> assertThat(f.connection().inbound()).isFalse());
                }
                assertThat(threadsSeen.keySet()).hasSizeLessThanOrEqualTo(4)
                        .allSatisfy(name -> assertThat(name).startsWith("flint-net"));
            } finally {
                nodes.forEach(TcpTransport::close);
            }
        }
    }

    private static void assertInOrderPerConnection(RecordingListener listener) {
        Map<ConnectionId, Integer> next = new ConcurrentHashMap<>();
        for (RecordingListener.Received frame : listener.frames()) {
            int hash = frame.text().lastIndexOf(" #");
            if (hash < 0) {
                continue;
            }
            int n = Integer.parseInt(frame.text().substring(hash + 2));
            int expected = next.getOrDefault(frame.connection(), 0);
            assertThat(n).as("frame order on %s", frame.connection()).isEqualTo(expected);
            next.put(frame.connection(), expected + 1);
        }
        assertThat(next.values()).containsOnly(FRAMES);
    }
}
