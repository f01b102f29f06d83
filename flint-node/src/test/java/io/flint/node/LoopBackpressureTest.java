package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.net.RecordingListener;
import io.flint.net.tcp.NettyResources;
import io.flint.net.tcp.TcpConfig;
import io.flint.net.tcp.TcpTransport;
import io.flint.p2p.LoopTransportListener;
import io.flint.p2p.transport.Endpoint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The event loop, the TCP transport and the listener between them, wired as {@link FlintNode}
 * wires them: a flood while the loop is busy waits in the sockets, not in the loop's queue.
 */
class LoopBackpressureTest {

    private static final Endpoint ANY_PORT = new Endpoint("127.0.0.1", 0);

    @Test
    void aFloodWaitsInTheSocketsWhileTheLoopIsBusyAndEveryFrameArrivesAfterwards() throws Exception {
        Clock clock = Clock.systemUTC();
        int limit = 50;
        int total = 2_000;
        int frameBytes = 10_000; // 20 MB in all: the whole flood would be 40 times the limit
        try (NettyResources io = NettyResources.create(2);
                NodeLoop loop = new NodeLoop("backpressure");
                TcpTransport node = new TcpTransport(TcpConfig.DEFAULTS, clock, io);
                TcpTransport flooder = new TcpTransport(TcpConfig.DEFAULTS, clock, io)) {
            RecordingListener engine = new RecordingListener();
            LoopTransportListener frames = new LoopTransportListener(loop::execute, engine,
                    new LoopTransportListener.QueueLimit(limit, 64L * 1024 * 1024), node::pauseReading, clock);
            node.start(ANY_PORT, frames);
            flooder.start(ANY_PORT, new RecordingListener());
            CountDownLatch busy = new CountDownLatch(1);
            loop.execute(() -> awaitQuietly(busy)); // a long block validation, say
            AtomicInteger ticks = new AtomicInteger();
            loop.every(Duration.ofMillis(10), ticks::incrementAndGet);

            for (int i = 0; i < total; i++) {
                flooder.send(node.localEndpoint(), frame(i, frameBytes));
            }
            await().atMost(Duration.ofSeconds(20)).until(frames::readingPaused);
            assertThat(node.stats().readingPaused()).isTrue();
            // frames already read when reading stopped still count: at most one socket read (64 KiB) more
            int bound = limit + 65_536 / frameBytes + 1;
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> frames.queuedFrames() <= bound);
            assertThat(engine.frames()).isEmpty();
            assertThat(ticks.get()).isZero();

            busy.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> engine.frames().size() == total);
            assertThat(engine.texts()).extracting(t -> t.substring(0, t.indexOf(' ')))
                    .containsExactlyElementsOf(IntStream.range(0, total).mapToObj(Integer::toString).toList());
            assertThat(frames.readingPaused()).isFalse();
            assertThat(node.stats().readingPaused()).isFalse();
            assertThat(frames.pauses()).isGreaterThanOrEqualTo(1);
            assertThat(frames.queuedFrames()).isZero();
            int before = ticks.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() > before); // the node's timers run on
            assertThat(flooder.stats().outbound()).isEqualTo(1); // nobody was disconnected for it
            assertThat(node.stats().inbound()).isEqualTo(1);
        }
    }

    private static byte[] frame(int n, int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        byte[] prefix = (n + " ").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        return payload;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
