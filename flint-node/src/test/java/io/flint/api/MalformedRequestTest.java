package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before any endpoint sees them (a malformed URL, a URL or headers over the
 * limit) still get the API's JSON {@code {"error","reason"}}, not Jetty's HTML error page. Sent
 * over a raw socket: an HTTP client library would refuse to send most of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTest {
    ApiNode n;

    @BeforeAll
    void start(@TempDir Path dir) {
        n = new ApiNode(dir);
    }

    @AfterAll
    void stop() {
        n.close();
    }

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
    void aUrlOverTheLimitIsA414WithAJsonReason() throws IOException {
        String path = "/blocks/" + "1".repeat(ApiServer.MAX_REQUEST_HEAD_BYTES + 100);
        Raw r = send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(r.status()).isEqualTo(414);
        assertJsonError(r, "uri_too_long");
        assertThat(r.json().path("reason").asText()).contains(String.valueOf(ApiServer.MAX_REQUEST_HEAD_BYTES));
    }

    @Test
    void headersOverTheLimitAreA431WithAJsonReason() throws IOException {
        String big = "X-Padding: " + "a".repeat(ApiServer.MAX_REQUEST_HEAD_BYTES + 100) + "\r\n";
        Raw r = send("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + "Connection: close\r\n\r\n");

        assertThat(r.status()).isEqualTo(431);
        assertJsonError(r, "headers_too_large");
        assertThat(r.json().path("reason").asText()).contains(String.valueOf(ApiServer.MAX_REQUEST_HEAD_BYTES));
    }

    @Test
    void aRequestThatIsNotHttpIsA400WithAJsonReason() throws IOException {
        Raw r = send("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Without Colon\r\n\r\n");

        assertThat(r.status()).isEqualTo(400);
        assertJsonError(r, "bad_request");
        assertThat(r.json().path("reason").asText()).startsWith("the request is malformed: ");
    }

    @Test
    void aRouteStillAnswersJsonErrorsAsBefore() {
        ApiNode.Response r = n.get("/no/such/endpoint");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("not_found");
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
