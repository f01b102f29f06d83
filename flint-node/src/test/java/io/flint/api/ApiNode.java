package io.flint.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.core.NetworkParams;
import io.flint.node.FlintNode;
import io.flint.node.NodeSettings;
import io.flint.node.config.PeerSpec;
import io.flint.p2p.transport.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A real regtest node (in-memory chain, P2P and HTTP on ephemeral loopback ports) with its API
 * server, and a plain java.net.http client for it, as an outside program would talk to it. Shared
 * (flint-node's test jar) by every module whose tests need one live node: the CLI's commands and
 * the deployment checks ask it as they would ask a node in production.
 */
public final class ApiNode implements AutoCloseable {
    public record Response(int status, JsonNode json, String text, HttpResponse<String> raw) {
        public String error() {
            return json.path("error").asText();
        }

        public String reason() {
            return json.path("reason").asText();
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    public final FlintNode node;
    public final ApiServer api;
    final CountDownLatch shutdownRequests = new CountDownLatch(1);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiNode(String id, Path dataDir, ApiOptions options) {
        this(id, dataDir, options, List.of());
    }

    /** A node that greets {@code bootstrap} (other running nodes: see {@link #asPeer()}) at start. */
    ApiNode(String id, Path dataDir, ApiOptions options, List<PeerSpec> bootstrap) {
        this(id, dataDir, options, bootstrap, 0);
    }

    /** @param apiPort the HTTP port, or 0 for any free one (peers learn it from the HELLO the server sends once bound) */
    ApiNode(String id, Path dataDir, ApiOptions options, List<PeerSpec> bootstrap, int apiPort) {
        this(id, dataDir, options, bootstrap, apiPort, b -> { });
    }

    /** @param more changes to the settings, last (a light node, a malicious one...) */
    public ApiNode(String id, Path dataDir, ApiOptions options, List<PeerSpec> bootstrap, int apiPort,
            Consumer<NodeSettings.Builder> more) {
        this(id, dataDir, options, bootstrap, apiPort, more, Clock.systemUTC());
    }

    /** @param clock the node's clock (a test may set it back) */
    public ApiNode(String id, Path dataDir, ApiOptions options, List<PeerSpec> bootstrap, int apiPort,
            Consumer<NodeSettings.Builder> more, Clock clock) {
        NodeSettings.Builder b = new NodeSettings.Builder();
        b.id = id;
        b.network = NetworkParams.REGTEST;
        b.dataDir = dataDir;
        b.inMemoryChain = true;
        b.advertised = new Endpoint("127.0.0.1", 0);
        b.p2pBind = "127.0.0.1";
        b.apiBind = "127.0.0.1";
        b.apiPort = apiPort;
        b.scriptThreads = 2;
        b.bootstrap = bootstrap;
        more.accept(b);
        node = new FlintNode(b.build(), clock, new SecureRandom()).start();
        api = new ApiServer(node, options, shutdownRequests::countDown, List.of()).start();
    }

    public ApiNode(Path dataDir) {
        this("api-test", dataDir, ApiOptions.DEFAULTS);
    }

    /** This node as a bootstrap entry for another node's settings. */
    PeerSpec asPeer() {
        return new PeerSpec(node.settings().id(), "127.0.0.1", node.advertisedEndpoint().port(), PeerSpec.DEFAULT_FANOUT,
                "normal", false, false, "", false, api.port());
    }

    public String url() {
        return api.url();
    }

    URI uri(String path) {
        return URI.create(api.url() + path);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response post(String path, String body) {
        return post(path, body, node.adminToken());
    }

    Response post(String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** A GET whose answer is not JSON (the dashboard, /metrics): {@code json} is null. */
    public Response getText(String path) {
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(uri(path)).GET());
        return new Response(r.statusCode(), null, r.body(), r);
    }

    Response send(HttpRequest.Builder request) {
        HttpResponse<String> r = exchange(request);
        try {
            JsonNode json = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Mines one block through the API (to {@code address}, or the node's payout address when null). */
    public JsonNode mine(String address) {
        Response r = post("/mine", address == null ? "" : "{\"address\":\"" + address + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("POST /mine: " + r.status() + " " + r.text());
        }
        return r.json();
    }

    public void mine(int blocks) {
        for (int i = 0; i < blocks; i++) {
            mine(null);
        }
    }

    @Override
    public void close() {
        api.stop();
        node.stop();
    }
}
