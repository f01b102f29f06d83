package io.flint.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.node.DataDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of the node HTTP API (API.md) for what the manager needs: {@code /status},
 * {@code /peers}, {@code /transactions}, {@code /tx/{txid}}, {@code /health/ready} and the admin
 * {@code POST /shutdown}, {@code POST /blacklist} and {@code DELETE /blacklist/{id}}. A node that does not answer, or answers with something else, is
 * "down": every call returns empty rather than throwing.
 */
public final class NodeApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public NodeApi(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Optional<NodeStatus> status(NodeEntry node) {
        // a light node's block height stays at genesis: its headers are its chain
        return getJson(node, "/status").filter(JsonNode::isObject).map(j -> new NodeStatus(j.path("id").asText(""),
                j.path("role").asText("").startsWith("light") && j.has("best_header_height")
                        ? j.path("best_header_height").asLong(-1) : j.path("height").asLong(-1),
                j.path("tip").asText(""), j.path("peers").asInt(-1), j.path("peers_alive").asInt(-1),
                j.path("mempool").asInt(-1), j.path("role").asText(""), j.path("network").asText("")));
    }

    /** The peers the node knows, or empty when it does not answer. */
    public Optional<List<PeerView>> peers(NodeEntry node) {
        return getJson(node, "/peers").filter(JsonNode::isArray).map(arr -> {
            List<PeerView> out = new ArrayList<>();
            for (JsonNode p : arr) {
                out.add(new PeerView(p.path("id").asText(""), p.path("ip").asText(""), p.path("port").asInt(),
                        p.path("status").asText("")));
            }
            return List.copyOf(out);
        });
    }

    /**
     * {@code GET /blacklist}: the peers the node has banned, by id, each with the node's reason;
     * empty when it does not answer.
     */
    public Optional<Map<String, String>> bans(NodeEntry node) {
        return getJson(node, "/blacklist").filter(JsonNode::isArray).map(arr -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (JsonNode b : arr) {
                out.put(b.path("id").asText(""), b.path("reason").asText(""));
            }
            return Map.copyOf(out);
        });
    }

    /** The txids in the node's pool, or empty when it does not answer. */
    public Optional<List<String>> pooledTxids(NodeEntry node) {
        return getJson(node, "/transactions").filter(JsonNode::isArray).map(arr -> {
            List<String> out = new ArrayList<>();
            for (JsonNode t : arr) {
                out.add(t.path("txid").asText(""));
            }
            return List.copyOf(out);
        });
    }

    /** Whether the node holds {@code txid}, pooled or in a block; empty when it does not answer. */
    public Optional<Boolean> knowsTransaction(NodeEntry node, String txid) {
        Optional<HttpResponse<String>> r = send(node, HttpRequest.newBuilder(uri(node, "/tx/" + txid)).GET());
        return r.filter(x -> x.statusCode() == 200 || x.statusCode() == 404).map(x -> x.statusCode() == 200);
    }

    /** {@code GET /health/ready}: true when synced with its peers. */
    public boolean ready(NodeEntry node) {
        return send(node, HttpRequest.newBuilder(uri(node, "/health/ready")).GET())
                .map(r -> r.statusCode() == 200).orElse(false);
    }

    /** True when anything answers {@code /health/live}. */
    public boolean live(NodeEntry node) {
        return send(node, HttpRequest.newBuilder(uri(node, "/health/live")).GET())
                .map(r -> r.statusCode() == 200).orElse(false);
    }

    /**
     * {@code POST /shutdown} with the node's admin token (read from {@code api.token} in its data
     * directory): true when the node accepted it.
     */
    public boolean shutdown(NodeEntry node) {
        return admin(node, "/shutdown", "POST", HttpRequest.BodyPublishers.noBody());
    }

    /**
     * {@code POST /blacklist}: {@code node} bans peer {@code id} for {@code duration}, saying
     * {@code reason}; true when the node took it.
     */
    public boolean ban(NodeEntry node, String id, Duration duration, String reason) {
        String body = JSON.createObjectNode().put("id", id).put("seconds", duration.toSeconds()).put("reason", reason)
                .toString();
        return admin(node, "/blacklist", "POST", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** {@code DELETE /blacklist/{id}}: true when the node lifted a ban of {@code id}. */
    public boolean unban(NodeEntry node, String id) {
        return admin(node, "/blacklist/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8), "DELETE",
                HttpRequest.BodyPublishers.noBody());
    }

    /** An admin request with the node's token (its data directory's {@code api.token}): true on a 2xx answer. */
    private boolean admin(NodeEntry node, String path, String method, HttpRequest.BodyPublisher body) {
        Path tokenFile = new DataDirectory(node.dataDir()).apiToken();
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return false;
        }
        return send(node, HttpRequest.newBuilder(uri(node, path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body))
                .map(r -> r.statusCode() / 100 == 2).orElse(false);
    }

    private Optional<JsonNode> getJson(NodeEntry node, String path) {
        return send(node, HttpRequest.newBuilder(uri(node, path)).header("Accept", "application/json").GET())
                .filter(r -> r.statusCode() == 200)
                .flatMap(r -> {
                    try {
                        return Optional.ofNullable(JSON.readTree(r.body()));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                });
    }

    private Optional<HttpResponse<String>> send(NodeEntry node, HttpRequest.Builder request) {
        if (node.apiPort() <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static URI uri(NodeEntry node, String path) {
        String host = node.apiHost().contains(":") ? "[" + node.apiHost() + "]" : node.apiHost();
        return URI.create("http://" + host + ":" + node.apiPort() + path);
    }
}
