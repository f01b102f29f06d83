package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The API at the HTTP level, beneath its endpoints. Requests Jetty refuses before any endpoint sees
 * them (a malformed URL, a URL or headers over the limit) still get the API's JSON
 * {@code {"error","reason"}}, not Jetty's HTML error page; sent over a raw socket, since an HTTP
 * client library would refuse to send most of them. And HEAD on a JSON endpoint answers the
 * headers GET would: a client (a proxy, a monitor) that trusts {@code Content-Length} must not be
 * told the body is empty.
 */
class HttpProtocolTest extends OneApiNodePerClass {

    /** A status line, headers and a body, as they came over the wire. */
    record Raw(int status, String head, String body) {
        JsonNode json() throws IOException {
            return ApiNode.JSON.readTree(body);
        }
    }

    @Test
    void aMalformedUrlIsA400WithAJsonReason() throws IOException {
        Raw r = send("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(r.status()).isEqualTo(400);
        assertJsonError(r, "bad_request");
        assertThat(r.json().path("reason").asText()).startsWith("the request is malformed").contains("URL");
    }

    @Test
    void aUrlOrHeadersOverTheLimitAre414And431WithAJsonReasonNamingIt() throws IOException {
        String over = "1".repeat(ApiServer.MAX_REQUEST_HEAD_BYTES + 100);
        record Case(String request, int status, String error) {}
        for (Case c : List.of(
                new Case("GET /blocks/" + over + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414, "uri_too_long"),
                new Case("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + over + "\r\n\r\n", 431,
                        "headers_too_large"))) {
            Raw r = send(c.request());

            assertThat(r.status()).as(c.error()).isEqualTo(c.status());
            assertJsonError(r, c.error());
            assertThat(r.json().path("reason").asText()).contains(String.valueOf(ApiServer.MAX_REQUEST_HEAD_BYTES));
        }
    }

    @Test
    void aRequestThatIsNotHttpIsA400WithAJsonReason() throws IOException {
        Raw r = send("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Without Colon\r\n\r\n");

        assertThat(r.status()).isEqualTo(400);
        assertJsonError(r, "bad_request");
        assertThat(r.json().path("reason").asText()).startsWith("the request is malformed: ");
    }

    /**
     * Jetty gives no detail for a URL it cannot decode or resolve: the reason lists what that can
     * be instead of guessing one cause (a request with no '%' was once told about its '%').
     */
    @Test
    void aUrlJettyCannotDecodeOrResolveGetsAReasonThatDoesNotGuess() throws IOException {
        for (String path : List.of("/status%00", "/assets/../../../../etc/passwd", "/%zz")) {
            Raw r = send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(r.status()).as(path).isEqualTo(400);
            assertJsonError(r, "bad_request");
            assertThat(r.json().path("reason").asText()).as(path).contains("URL cannot be decoded or resolved")
                    .contains("%00").contains("'..'").doesNotContain("?");
        }
    }

    @Test
    void anUnsupportedHttpVersionIsNamedAndSaidInPlainWords() throws IOException {
        Raw r = send("GET /status HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(r.status()).isEqualTo(505);
        assertJsonError(r, "http_version_not_supported");
        assertThat(r.json().path("reason").asText()).contains("HTTP/1.0 and HTTP/1.1").doesNotContain("Unknown Version");
    }

    @Test
    void jettysTerseParserTextsAreSaidInPlainWords() throws IOException {
        record Case(String request, String says, String jetty) {}
        for (Case c : List.of(
                new Case("GET /sta tus HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "a space", "SPACE=' '"),
                new Case("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n", "a space", "SPACE=' '"),
                new Case("GET http://a.example/status HTTP/1.1\r\nHost: b.example\r\nConnection: close\r\n\r\n",
                        "not the one in its Host header", "Mismatched Authority"),
                new Case("GET /status HTTP/1.1\r\nConnection: close\r\n\r\n", "no Host header", "No Host"))) {
            Raw r = send(c.request());

            assertThat(r.status()).as(c.jetty()).isEqualTo(400);
            assertJsonError(r, "bad_request");
            assertThat(r.json().path("reason").asText()).as(c.jetty()).contains(c.says()).doesNotContain(c.jetty());
        }
    }

    /** RFC 9110: a 405 carries Allow with the methods the resource has; the reason names them too. */
    @Test
    void aMethodNotAllowedNamesTheAllowedOnesInAllowAndTheReason() throws Exception {
        record Case(String method, String path, String allow) {}
        for (Case c : List.of(new Case("POST", "/status", "GET, HEAD"), new Case("GET", "/mine", "POST"),
                new Case("DELETE", "/peers", "GET, POST, HEAD"))) {
            HttpResponse<String> r = exchange(c.method(), c.path());

            assertThat(r.statusCode()).as(c.path()).isEqualTo(405);
            assertThat(r.headers().allValues("Allow")).as(c.path()).containsExactly(c.allow());
            JsonNode json = ApiNode.JSON.readTree(r.body());
            assertThat(json.path("error").asText()).isEqualTo("method_not_allowed");
            assertThat(json.path("reason").asText()).as(c.path())
                    .isEqualTo(c.method() + " is not allowed on " + c.path() + "; allowed: " + c.allow());
        }
    }

    @Test
    void aRouteStillAnswersJsonErrorsAsBefore() {
        ApiNode.Response r = n.get("/no/such/endpoint");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("not_found");
    }

    @Test
    void headSendsTheLengthAndTypeGetWouldAndNoBody() throws Exception {
        // answers that do not change between two requests, so that the lengths can be compared
        for (String path : List.of("/health/live", "/blocks/0", "/blocks?limit=1", "/peers")) {
            HttpResponse<String> get = exchange("GET", path);
            HttpResponse<String> head = exchange("HEAD", path);

            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
            int length = get.body().getBytes(StandardCharsets.UTF_8).length;
            assertThat(length).as(path).isPositive();
            assertThat(head.headers().firstValueAsLong("Content-Length")).as(path).isEqualTo(OptionalLong.of(length));
            assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue("*");
        }
    }

    @Test
    void headOnStatusDoesNotClaimAnEmptyBody() throws Exception {
        HttpResponse<String> head = exchange("HEAD", "/status");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(head.headers().firstValueAsLong("Content-Length").orElse(-1)).isNotZero();
    }

    @Test
    void headOnAnUnknownPathIsStillA404() throws Exception {
        assertThat(exchange("HEAD", "/no/such/thing").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> exchange(String method, String path) throws Exception {
        return n.http.send(HttpRequest.newBuilder(n.uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertJsonError(Raw r, String error) throws IOException {
        assertThat(r.head()).containsIgnoringCase("Content-Type: application/json");
        assertThat(r.body()).doesNotContain("<");
        JsonNode json = r.json();
        assertThat(json.path("error").asText()).isEqualTo(error);
        String reason = json.path("reason").asText();
        assertThat(reason).isNotBlank().doesNotContain("Exception").doesNotContain("org.eclipse");
    }

    /** Sends {@code request} as it is and reads the answer until the server closes the connection. */
    private Raw send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", n.api.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int r; (r = in.read(buffer)) > 0; ) {
                    got.write(buffer, 0, r);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what came before the server stopped is the answer
            }
            String text = got.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: %s", text).isPositive();
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Raw(status, head, text.substring(end + 4));
        }
    }
}
