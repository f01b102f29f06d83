package io.flint.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The HTTP API of a node running in a container, as a user's client reaches it. */
final class NodeHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    final String base;

    NodeHttp(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    /** GET path: status and JSON body; empty while nothing listens. */
    Optional<HttpResponse<String>> tryGet(String path) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    JsonNode get(String path) {
        HttpResponse<String> r = tryGet(path).orElseThrow(() -> new AssertionError("nothing answers at " + base + path));
        return read(r, "GET " + path);
    }

    /** An admin POST with the node's token. */
    JsonNode post(String path, String token, String jsonBody) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError("POST " + base + path + " -> " + r.statusCode() + " " + r.body());
            }
            return read(r, "POST " + path);
        } catch (IOException e) {
            throw new AssertionError("POST " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private JsonNode read(HttpResponse<String> r, String what) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(what + " at " + base + " answered " + r.statusCode() + " with no JSON: " + r.body());
        }
    }

    /**
     * Polls until {@code condition} holds, at most {@code limit}; on timeout the failure says
     * what was awaited and {@code diagnosis} (e.g. the containers' last log lines).
     */
    static void await(String what, Duration limit, Supplier<Boolean> condition, Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + limit.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e instanceof RuntimeException re ? re : new RuntimeException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what
                + (last == null ? "" : " (last error: " + last.getMessage() + ")") + "\n" + diagnosis.get());
    }

    static boolean anyMatch(JsonNode array, Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return true;
            }
        }
        return false;
    }
}
