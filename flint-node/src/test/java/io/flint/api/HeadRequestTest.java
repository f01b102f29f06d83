package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEAD on a JSON endpoint answers the headers GET would: a client (a proxy, a monitor) that
 * trusts {@code Content-Length} must not be told the body is empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadRequestTest {
    ApiNode n;

    @BeforeAll
    void start(@TempDir Path dir) {
        n = new ApiNode(dir);
    }

    @AfterAll
    void stop() {
        n.close();
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
}
