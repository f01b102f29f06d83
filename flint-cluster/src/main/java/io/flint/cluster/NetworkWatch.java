package io.flint.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Follows every given node's {@code GET /events} for a while and keeps what a measurement of the
 * running network needs: each node's {@code block} events (when it connected which block, and
 * whether it mined it) and its {@code reorg} events. A researcher measured propagation and stale
 * blocks on a cluster by writing this follower themselves; {@code flint cluster stats} reads it
 * into the simulator's report.
 */
public final class NetworkWatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One node connected one block, at {@code connectedAt} (ms on its clock); {@code via} "mined" for its own. */
    public record BlockSeen(String node, String hash, long height, long connectedAt, String via) {}

    /** One node switched branches, taking {@code disconnected} blocks off its best chain. */
    public record ReorgSeen(String node, long disconnected) {}

    /**
     * What the window showed.
     *
     * @param followed the nodes whose events were read from the start of the window to its end
     * @param lost the nodes whose stream could not be opened or ended early, with why
     * @param blocks every block event, in arrival order per node
     * @param reorgs every reorganisation
     */
    public record Observation(List<String> followed, Map<String, String> lost, List<BlockSeen> blocks,
            List<ReorgSeen> reorgs) {

        /** The same, with these nodes not counted as followed but as lost, each with why. */
        public Observation excluding(Map<String, String> why) {
            Map<String, String> all = new LinkedHashMap<>(lost);
            all.putAll(why);
            return new Observation(followed.stream().filter(id -> !why.containsKey(id)).toList(), all, blocks, reorgs);
        }
    }

    private final HttpClient http;
    private final Duration connectTimeout;

    public NetworkWatch(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /** Follows {@code nodes} for {@code window} and returns what came. */
    public Observation watch(List<NodeEntry> nodes, Duration window) throws InterruptedException {
        Map<String, Follower> followers = new LinkedHashMap<>();
        for (NodeEntry n : nodes) {
            Follower f = new Follower(n.id());
            followers.put(n.id(), f);
            HttpRequest request = HttpRequest.newBuilder(NodeApi.uri(n, "/events")).header("Accept", "text/event-stream")
                    .GET().build();
            f.response = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(f));
        }
        long deadline = System.nanoTime() + window.toNanos();
        long openBy = System.nanoTime() + connectTimeout.toNanos();
        for (Follower f : followers.values()) {
            // a node's stream begins with its hello event; one that does not come is not followed
            if (!f.opened.await(Math.max(0, openBy - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                f.fail(f.response.isCompletedExceptionally() ? "cannot follow its events: " + causeOf(f.response)
                        : "its events did not begin within " + connectTimeout.toSeconds() + " s");
            }
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        List<String> followed = new ArrayList<>();
        Map<String, String> lost = new LinkedHashMap<>();
        List<BlockSeen> blocks = new ArrayList<>();
        List<ReorgSeen> reorgs = new ArrayList<>();
        for (Follower f : followers.values()) {
            f.stop();
            synchronized (f) {
                if (f.failure != null) {
                    lost.put(f.node, f.failure);
                } else {
                    followed.add(f.node);
                }
                blocks.addAll(f.blocks);
                reorgs.addAll(f.reorgs);
            }
        }
        return new Observation(followed, lost, blocks, reorgs);
    }

    /**
     * Whether {@code node} has block {@code hash} on its best chain now; empty when it does not
     * answer or does not know the block.
     */
    public Optional<Boolean> onBestChain(NodeEntry node, String hash) {
        HttpRequest request = HttpRequest.newBuilder(NodeApi.uri(node, "/blocks/" + hash)).timeout(connectTimeout)
                .GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode block = JSON.readTree(r.body());
            return block.has("on_best_chain") ? Optional.of(block.path("on_best_chain").asBoolean()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String causeOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            return "?";
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            Throwable t = e.getCause() == null ? e : e.getCause();
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
    }

    /** Reads one node's server-sent events line by line, as they come (no thread of its own). */
    private static final class Follower implements Flow.Subscriber<String> {
        final String node;
        final List<BlockSeen> blocks = new ArrayList<>();
        final List<ReorgSeen> reorgs = new ArrayList<>();
        CompletableFuture<HttpResponse<Void>> response;
        final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        private Flow.Subscription subscription;
        private String event = "";
        private boolean stopped;
        String failure;

        Follower(String node) {
            this.node = node;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (stopped) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public synchronized void onNext(String line) {
            if (stopped) {
                return;
            }
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                take(event, line.substring("data:".length()).strip());
            } else if (line.isEmpty()) {
                event = "";
            }
        }

        private void take(String kind, String data) {
            JsonNode d;
            try {
                d = JSON.readTree(data);
            } catch (IOException e) {
                return; // not JSON: no event of ours
            }
            if (kind.equals("hello")) {
                opened.countDown();
            } else if (kind.equals("block") && d.hasNonNull("hash")) {
                blocks.add(new BlockSeen(node, d.path("hash").asText(), d.path("height").asLong(),
                        d.path("connected_at").asLong(), d.path("via").asText("")));
            } else if (kind.equals("reorg")) {
                reorgs.add(new ReorgSeen(node, d.path("disconnected").asLong()));
            }
        }

        @Override
        public synchronized void onError(Throwable t) {
            if (!stopped) {
                failure = "its event stream broke: " + t;
            }
        }

        @Override
        public synchronized void onComplete() {
            if (!stopped) {
                failure = "its event stream ended (the node stopped?)";
            }
        }

        synchronized void fail(String why) {
            if (failure == null) {
                failure = why;
            }
            stop();
        }

        synchronized void stop() {
            stopped = true;
            if (subscription != null) {
                subscription.cancel();
            }
            if (response != null) {
                response.cancel(true);
            }
        }
    }
}
