package io.flint.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.core.NetworkParams;
import io.flint.node.FlintNode;
import io.flint.node.NodeSettings;
import io.flint.p2p.transport.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A real regtest node (in-memory chain, P2P and HTTP on ephemeral loopback ports) with its API
 * server, and a plain java.net.http client for it, as an outside program would talk to it.
 */
final class ApiNode implements AutoCloseable {
    record Response(int status, JsonNode json, String text, HttpResponse<String> raw) {
        String error() {
            return json.path("error").asText();
        }

        String reason() {
            return json.path("reason").asText();
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    final FlintNode node;
    final ApiServer api;
    final CountDownLatch shutdownRequests = new CountDownLatch(1);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiNode(String id, Path dataDir, ApiOptions options) {
        NodeSettings.Builder b = new NodeSettings.Builder();
        b.id = id;
        b.network = NetworkParams.REGTEST;
        b.dataDir = dataDir;
        b.inMemoryChain = true;
        b.advertised = new Endpoint("127.0.0.1", 0);
        b.p2pBind = "127.0.0.1";
        b.apiBind = "127.0.0.1";
        b.apiPort = 0;
        b.scriptThreads = 2;
        node = new FlintNode(b.build()).start();
        api = new ApiServer(node, options, shutdownRequests::countDown, List.of()).start();
    }

    ApiNode(Path dataDir) {
        this("api-test", dataDir, ApiOptions.DEFAULTS);
    }

    URI uri(String path) {
        return URI.create(api.url() + path);
    }

    Response get(String path) {
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

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Mines one block through the API (to {@code address}, or the node's payout address when null). */
    JsonNode mine(String address) {
        Response r = post("/mine", address == null ? "" : "{\"address\":\"" + address + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("POST /mine: " + r.status() + " " + r.text());
        }
        return r.json();
    }

    void mine(int blocks) {
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
