package io.flint.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The command line's way to a node's HTTP API. Every failure becomes a {@link UserError} with one
 * line a person can act on: a node that is not there is "cannot reach the node at URL (is it
 * running?)", a refusal is the node's own {@code reason}.
 */
final class HttpNodeClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;

    HttpNodeClient(String url, Optional<String> token) {
        this.base = parse(url);
        this.token = token.map(String::strip).filter(t -> !t.isEmpty());
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    private static URI parse(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        try {
            URI uri = new URI(u);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UserError("--node '" + url + "' is not an http:// URL (e.g. http://127.0.0.1:7000)", ExitCodes.USAGE);
            }
            // the URI takes any number; the HTTP client would refuse it later in its own words
            if (uri.getPort() == 0 || uri.getPort() > 65_535) {
                throw new UserError("--node '" + url + "': port " + uri.getPort() + " is outside 1..65535", ExitCodes.USAGE);
            }
            return uri;
        } catch (URISyntaxException e) {
            if (!u.contains("://")) {
                // HOST:PORT reads as a URI whose scheme is the host: say what is missing instead
                throw new UserError("--node '" + url + "' is not an http:// URL (did you mean http://" + u + " ?)",
                        ExitCodes.USAGE);
            }
            throw new UserError("--node '" + url + "' is not a URL: " + e.getReason(), ExitCodes.USAGE);
        }
    }

    String url() {
        return base.toString();
    }

    JsonNode get(String path) {
        return send(request(path).GET().build(), false).orElseThrow();
    }

    /** GET, empty when the node answers 404 (it knows no such thing); any other refusal as {@link #get}. */
    Optional<JsonNode> find(String path) {
        return send(request(path).GET().build(), true);
    }

    /** POST with a JSON body ({@code null} for none); sends the admin token when one is known. */
    JsonNode post(String path, Object body) {
        String json;
        try {
            json = body == null ? "" : Json.COMPACT.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return send(b.build(), false).orElseThrow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    }

    private Optional<JsonNode> send(HttpRequest request, boolean notFoundIsEmpty) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable();
        } catch (HttpTimeoutException e) {
            throw new UserError("the node at " + base + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unreachable();
            }
            throw new UserError("talking to the node at " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while waiting for the node at " + base);
        }
        JsonNode body = parseBody(response);
        if (response.statusCode() == 401) {
            // the node's reason speaks of HTTP headers; the user needs the option that gives the token
            throw new UserError("the node refused " + request.method() + " " + request.uri().getPath() + ": "
                    + (token.isEmpty() ? "it needs the node's admin token" : "the admin token given is wrong")
                    + "; give --token TOKEN, set FLINT_TOKEN, or --data-dir DIR of the node (its api.token)");
        }
        if (notFoundIsEmpty && response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() >= 400) {
            String reason = body != null && body.hasNonNull("reason") ? body.get("reason").asText()
                    : "HTTP " + response.statusCode() + " from " + request.method() + " " + request.uri().getPath();
            throw new UserError("the node refused: " + reason);
        }
        if (body == null) {
            throw new UserError("the node at " + base + " answered " + request.uri().getPath() + " with something that is "
                    + "not JSON (is it a Flint node?)");
        }
        return Optional.of(body);
    }

    private UserError unreachable() {
        return new UserError("cannot reach the node at " + base + " (is it running?)");
    }

    private static JsonNode parseBody(HttpResponse<String> response) {
        try {
            return response.body() == null || response.body().isBlank() ? null : Json.MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
