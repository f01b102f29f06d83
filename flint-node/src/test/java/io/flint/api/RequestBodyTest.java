package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.api.ApiNode.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the API reads request bodies, over real HTTP: at most {@link Requests#MAX_BODY_BYTES}
 * however the body is sent (a chunked one has no Content-Length to check up front), and JSON that
 * is malformed or of the wrong shape refused with a reason in plain words.
 */
class RequestBodyTest extends OneApiNodePerClass {
    /** Words of Jackson's and Java's internals that a reason must not show a client. */
    private static final List<String> INTERNALS = List.of("io.flint", "$", "Exception", "JsonToken", "Source",
            "REDACTED", "StreamReadFeature", "creator", "deserialize", "code ");


    @Test
    void anOversizedChunkedBodyIsRefusedWithoutWaitingForItsEnd() throws IOException {
        URI uri = n.uri("/tx");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /tx HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, "{\"hex\":\"");
            String hex = "00".repeat(32 * 1024);
            // more than the limit, and then the body does not end (no last chunk): only a server that
            // stops reading at the limit can answer
            for (int sent = 0; sent <= Requests.MAX_BODY_BYTES; sent += hex.length()) {
                chunk(out, hex);
            }
            out.flush();

            String answer = readAnswer(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("\"error\":\"too_large\"")
                    .contains("\"reason\":\"request body over " + Requests.MAX_BODY_BYTES + " bytes\"");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedByItsLengthAndOneAtTheLimitIsRead() {
        String over = "{\"hex\":\"" + "0".repeat(Requests.MAX_BODY_BYTES) + "\"}";
        Response tooLarge = n.post("/tx", over, null);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).isEqualTo("too_large");
        assertThat(tooLarge.reason()).isEqualTo("request body over 1048576 bytes");

        // exactly the limit: read and judged on its content
        String prefix = "{\"hex\":\"";
        String atLimit = prefix + "0".repeat(Requests.MAX_BODY_BYTES - prefix.length() - 2) + "\"}";
        assertThat(atLimit.length()).isEqualTo(Requests.MAX_BODY_BYTES);
        Response read = n.post("/tx", atLimit, null);
        assertThat(read.status()).isEqualTo(400);
        assertThat(read.error()).isEqualTo("bad_transaction");
    }

    @Test
    void badJsonIsRefusedWithAPlainReason() {
        record Case(String path, String body, String reason) {}
        List<Case> cases = List.of(
                new Case("/tx", "[1,2]", "the body must be a JSON object with a string field 'hex', not an array"),
                new Case("/tx", "null", "the body must be a JSON object with a string field 'hex', not null"),
                new Case("/tx", "{\"hex\":123}", "the field 'hex' must be a string, not a number"),
                new Case("/tx", "{\"hex\":true}", "the field 'hex' must be a string, not a boolean"),
                new Case("/tx", "{\"hex\":\"00\",\"hex\":\"01\"}", "the body is not valid JSON: duplicate field 'hex'"),
                new Case("/tx", "{\"hex\":\"00\"} xyz", "the body is not valid JSON: there is more after the JSON value "
                        + "at line 1 column 14"),
                new Case("/tx", "{\"hex\":\"00\"} {}", "the body is not valid JSON: there is more after the JSON value"),
                new Case("/tx", "{'hex':1}", "the body is not valid JSON: unexpected character ('''): was expecting "
                        + "double-quote to start field name at line 1 column 2"),
                new Case("/peers", "{", "the body is not valid JSON: unexpected end at line 1 column 2"),
                new Case("/tx", "nope", "the body is not valid JSON: unrecognized token 'nope': a JSON value (a string "
                        + "in double quotes, a number, true, false, null, an array or an object) was expected there "
                        + "at line 1 column 5"),
                new Case("/wallet/send", "{\"address\":[],\"amount\":\"1\"}",
                        "the field 'address' must be a string, not an array"),
                new Case("/wallet/send", "\"pay\"",
                        "the body must be a JSON object with string fields 'address' and 'amount', not a string"),
                new Case("/mine", "{\"address\":{}}", "the field 'address' must be a string, not an object"));
        long height = n.node.chain().height();
        for (Case c : cases) {
            Response r = n.post(c.path(), c.body());
            assertThat(r.status()).as(c.body()).isEqualTo(400);
            assertThat(r.error()).as(c.body()).isEqualTo("bad_json");
            assertThat(r.reason()).as(c.body()).startsWith(c.reason());
            for (String internal : INTERNALS) {
                assertThat(r.reason()).as(c.body()).doesNotContain(internal);
            }
        }
        assertThat(n.node.chain().height()).isEqualTo(height);
    }

    @Test
    void documentedBodiesAreStillRead() {
        // unknown fields are ignored, null is as good as absent, and whitespace around the value is fine
        Response unknownField = n.post("/tx", " {\"hex\":\"zz\",\"note\":1}\n");
        assertThat(unknownField.error()).isEqualTo("bad_hex");
        assertThat(n.post("/tx", "{\"hex\":null}").error()).isEqualTo("missing_field");
        assertThat(n.post("/mine", "{\"address\":\"\"}").status()).isEqualTo(200);
    }

    private static void chunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The status line, headers and body the server sent, until it closes or goes quiet. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int r; (r = in.read(buffer)) > 0; ) {
                got.write(buffer, 0, r);
                if (got.toString(StandardCharsets.UTF_8).contains("\"}")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // nothing more came: what did come is the answer (none when the server waits for the body's end)
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
