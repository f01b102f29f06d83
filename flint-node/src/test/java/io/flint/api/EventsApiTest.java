package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code GET /events}: server-sent events as a browser's EventSource receives them. */
class EventsApiTest {
    @TempDir
    Path dir;

    /** One event: its name and its JSON data line. */
    record Sse(String event, JsonNode data) {}

    /** Reads an event stream line by line on a thread of its own, as events complete. */
    static final class EventStream implements AutoCloseable {
        final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> response;
        final Thread reader;

        EventStream(ApiNode n) throws Exception {
            response = n.http.send(HttpRequest.newBuilder(n.uri("/events")).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            reader = new Thread(() -> {
                String[] event = {null};
                try {
                    response.body().forEach(line -> {
                        if (line.startsWith("event:")) {
                            event[0] = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            try {
                                items.add(new Sse(event[0], ApiNode.JSON.readTree(line.substring(5).strip())));
                            } catch (IOException e) {
                                items.add("bad data line: " + line);
                            }
                        } else if (line.startsWith(":")) {
                            items.add(line);
                        }
                    });
                } catch (RuntimeException e) {
                    // the stream was closed
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event called {@code name}, skipping others. */
        Sse next(String name) throws InterruptedException {
            return nextOf(name);
        }

        /** The next event called any of {@code names}, skipping others. */
        Sse nextOf(String... names) throws InterruptedException {
            List<String> wanted = List.of(names);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                Object item = items.poll(200, TimeUnit.MILLISECONDS);
                if (item instanceof Sse s && wanted.contains(s.event())) {
                    return s;
                }
            }
            throw new AssertionError("no " + wanted + " event within 20 s");
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    @Test
    void aClientHearsHelloThenEveryMinedBlockAndAdmittedTransaction() throws Exception {
        try (ApiNode n = new ApiNode(dir); EventStream events = new EventStream(n)) {
            assertThat(events.response.statusCode()).isEqualTo(200);
            assertThat(events.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            Sse hello = events.next("hello");
            assertThat(hello.data().path("id").asText()).isEqualTo("api-test");
            assertThat(hello.data().path("height").asLong()).isZero();

            long before = System.currentTimeMillis();
            JsonNode mined = n.mine(null);

            Sse block = events.next("block");
            // the node's (system) clock when it connected the block: propagation is ordered by it
            assertThat(block.data().path("connected_at").asLong()).isBetween(before, System.currentTimeMillis());
            assertThat(block.data().path("height").asLong()).isEqualTo(1);
            assertThat(block.data().path("hash").asText()).isEqualTo(mined.path("hash").asText());
            assertThat(block.data().path("tx_count").asInt()).isEqualTo(1);
            assertThat(block.data().path("via").asText()).isEqualTo("mined");
            assertThat(block.data().path("from").asText()).isEqualTo("api-test");
            // every event names its node, its number (one after the hello's) and its time: a lab
            // following several streams orders and times events without stamping them itself
            assertThat(block.data().path("node").asText()).isEqualTo("api-test");
            assertThat(block.data().path("seq").asLong()).isEqualTo(hello.data().path("seq").asLong() + 1);
            assertThat(block.data().path("at").asLong()).isBetween(before, System.currentTimeMillis());

            n.mine(10);
            JsonNode paid = n.post("/wallet/send", "{\"address\":\"" + n.node.payoutAddress() + "\",\"amount\":\"1\"}").json();
            Sse tx = events.next("tx");
            assertThat(tx.data().path("txid").asText()).isEqualTo(paid.path("txid").asText());
            assertThat(tx.data().path("seq").asLong()).as("11 blocks, then the payment")
                    .isEqualTo(block.data().path("seq").asLong() + 11);
            assertThat(tx.data().path("at").asLong()).isGreaterThanOrEqualTo(block.data().path("at").asLong());
            assertThat(n.api.eventClients()).isEqualTo(1);
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() throws Exception {
        ApiOptions fast = ApiOptions.DEFAULTS.withEventHeartbeat(Duration.ofMillis(100));
        try (ApiNode n = new ApiNode("api-test", dir, fast); EventStream events = new EventStream(n)) {
            events.next("hello");
            Object item = events.items.poll(10, TimeUnit.SECONDS);
            assertThat(item).isEqualTo(": heartbeat");
        }
    }

    @Test
    void streamsBeyondTheLimitAreRefusedWithAJsonError() throws Exception {
        ApiOptions one = new ApiOptions(Duration.ofMinutes(1), Duration.ofSeconds(15), 16, 1, 16);
        try (ApiNode n = new ApiNode("api-test", dir, one); EventStream first = new EventStream(n)) {
            first.next("hello");
            ApiNode.Response second = n.get("/events");
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.error()).isEqualTo("too_many_clients");
        }
    }

    /**
     * Stopping the API ends open streams as a normal part of shutdown: Jetty must not warn about
     * the read left pending to notice the client leaving ("Pending read in onCompleted ...").
     */
    @Test
    void stoppingWithAnOpenStreamEndsItWithoutAJettyWarning() throws Exception {
        ch.qos.logback.classic.Logger jetty = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        jetty.addAppender(logged);
        // a client that keeps its side open after the stream ends (as curl may, for a moment): the
        // pending read is still there when Jetty completes the response
        try (ApiNode n = new ApiNode(dir); Socket client = new Socket("127.0.0.1", n.api.port())) {
            client.setSoTimeout(20_000);
            client.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); !line.equals("event: hello"); line = in.readLine()) {
                // status line and headers
            }
            n.api.stop();
            while (in.readLine() != null) {
                // what is left of the stream, up to its end
            }
        } finally {
            jetty.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    /** HEAD tells what GET would answer (the stream's type, no length) without opening a stream or taking a place. */
    @Test
    void headAnswersTheStreamsStatusAndTypeWithoutTakingAPlace() throws Exception {
        ApiOptions one = new ApiOptions(Duration.ofMinutes(1), Duration.ofSeconds(15), 16, 1, 16);
        try (ApiNode n = new ApiNode("api-test", dir, one)) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> head = n.http.send(HttpRequest.newBuilder(n.uri("/events"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(head.statusCode()).isEqualTo(200);
                assertThat(head.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=utf-8");
                assertThat(head.headers().firstValue("Content-Length")).isEmpty();
                assertThat(head.body()).isEmpty();
                assertThat(n.api.eventClients()).isZero();
            }
            try (EventStream only = new EventStream(n)) {
                assertThat(only.response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=utf-8");
                only.next("hello");
                HttpResponse<String> full = n.http.send(HttpRequest.newBuilder(n.uri("/events"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(full.statusCode()).isEqualTo(503);
                assertThat(full.body()).isEmpty();
            }
        }
    }

    /**
     * Clients that connect and go away at once (a page reloaded again and again) free their place
     * as they close: with heartbeats ten minutes apart a place freed only by a failed heartbeat
     * write would stay taken, and the third of these clients would be refused.
     */
    @Test
    void aClientThatGoesAwayFreesItsPlaceAtOnce() throws Exception {
        ApiOptions two = new ApiOptions(Duration.ofMinutes(1), Duration.ofMinutes(10), 16, 2, 16);
        try (ApiNode n = new ApiNode("api-test", dir, two)) {
            for (int i = 0; i < 3 * two.maxEventClients(); i++) {
                await().atMost(Duration.ofSeconds(30)).until(() -> openAndDrop(n) == 200);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> n.api.eventClients() == 0);
            try (EventStream still = new EventStream(n)) {
                assertThat(still.response.statusCode()).isEqualTo(200);
                still.next("hello");
            }
        }
    }

    /** Opens a stream over a raw socket, waits for its hello (so it holds a place) and closes; the status. */
    private static int openAndDrop(ApiNode n) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", n.api.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().substring(9, 12));
            if (status == 200) {
                for (String line; (line = in.readLine()) != null && !line.equals("event: hello"); ) {
                    // headers
                }
            }
            return status;
        }
    }

    /**
     * A client that reads nothing while the node publishes far more than its queue and the
     * socket buffers hold: publishing never waits for it, and when it reads again it learns how
     * much it missed and goes on receiving.
     */
    @Test
    void aClientTooSlowToKeepUpMissesEventsButNeverSlowsTheNode() throws Exception {
        ApiOptions small = new ApiOptions(Duration.ofMinutes(1), Duration.ofSeconds(15), 8, 4, 16);
        try (ApiNode n = new ApiNode("api-test", dir, small)) {
            HttpResponse<InputStream> response = n.http.send(HttpRequest.newBuilder(n.uri("/events")).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            waitFor(n, 1);
            String bulk = "x".repeat(16 * 1024);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 4000; i++) {
                    n.node.events().publish("test", Map.of("i", i, "padding", bulk));
                }
            });
            // now the client reads again
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            AtomicLong dropped = new AtomicLong();
            Thread reader = new Thread(() -> readEvents(response.body(), seen, dropped), "slow-client");
            reader.setDaemon(true);
            reader.start();
            assertThat(poll(seen, "overflow")).as("an overflow event").isTrue();
            assertThat(dropped.get()).isPositive();
            // and it goes on receiving: a new event gets through once its queue has room again
            boolean delivered = false;
            for (int i = 0; i < 100 && !delivered; i++) {
                n.node.events().publish("after", Map.of("i", i));
                delivered = poll(seen, "after", Duration.ofMillis(200));
            }
            assertThat(delivered).isTrue();
            response.body().close();
        }
    }

    private static void readEvents(InputStream in, BlockingQueue<String> seen, AtomicLong dropped) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if ("overflow".equals(event)) {
                        dropped.addAndGet(ApiNode.JSON.readTree(line.substring(5)).path("dropped").asLong());
                    }
                    seen.add(event);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static boolean poll(BlockingQueue<String> seen, String event) throws InterruptedException {
        return poll(seen, event, Duration.ofSeconds(30));
    }

    private static boolean poll(BlockingQueue<String> seen, String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String next = seen.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (event.equals(next)) {
                return true;
            }
        }
        return false;
    }

    private static void waitFor(ApiNode n, int clients) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (n.api.eventClients() < clients && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(n.api.eventClients()).isEqualTo(clients);
    }
}
