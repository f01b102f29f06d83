package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode.Response;
import io.flint.chain.HeadersOutcome;
import io.flint.chain.TestChainBuilder;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.PrivateKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A light node over HTTP: it keeps headers only, so what needs the UTXO set, the indexes or a
 * transaction pool is refused with 409 {@code light_node} naming that a full node is needed,
 * instead of zeros and empty lists a wallet would print as the truth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LightNodeApiTest {
    ApiNode light;

    @BeforeAll
    void start(@TempDir Path dir) {
        light = new ApiNode("light", dir, ApiOptions.DEFAULTS, List.of(), 0, settings -> settings.light = true);
    }

    @AfterAll
    void stop() {
        light.close();
    }

    @Test
    void whatNeedsTheUtxoSetOrThePoolIs409() {
        String address = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        String txid = "ab".repeat(32);
        record Case(String method, String path, String body, String endpoint) {}
        List<Case> cases = List.of(
                new Case("GET", "/address/" + address + "/balance", null, "GET /address/{address}/balance"),
                new Case("GET", "/address/" + address + "/utxos", null, "GET /address/{address}/utxos"),
                new Case("GET", "/address/" + address + "/history", null, "GET /address/{address}/history"),
                new Case("GET", "/tx/" + txid, null, "GET /tx/{txid}"),
                new Case("GET", "/transactions", null, "GET /transactions"),
                new Case("POST", "/tx", "{\"hex\":\"00\"}", "POST /tx"),
                new Case("GET", "/wallet", null, "GET /wallet"),
                new Case("POST", "/wallet/send", "{\"address\":\"" + address + "\",\"amount\":\"1\"}",
                        "POST /wallet/send"));
        for (Case c : cases) {
            Response r = c.method().equals("GET") ? light.get(c.path()) : light.post(c.path(), c.body());
            assertThat(r.status()).as(c.path()).isEqualTo(409);
            assertThat(r.error()).as(c.path()).isEqualTo("light_node");
            assertThat(r.reason()).as(c.path()).contains("light node").contains(c.endpoint()).contains("full node");
        }
        assertThat(light.node.mempool().size()).isZero();
        // HEAD runs GET's handler, and is refused with it
        assertThat(light.send(java.net.http.HttpRequest.newBuilder(light.uri("/transactions"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(409);
    }

    @Test
    void whatALightNodeKnowsIsStillAnswered() {
        Response status = light.get("/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("role").asText()).contains("light");
        assertThat(light.get("/peers").status()).isEqualTo(200);
        assertThat(light.get("/blocks/0").status()).isEqualTo(200);
        Response fresh = light.post("/wallet/newaddress", null);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().path("address").asText()).isNotBlank();
        // the guard answers its endpoints' methods only; a wrong method is still a 405
        assertThat(light.post("/transactions", "").status()).isEqualTo(405);
        // mining is refused by the same guard
        assertThat(light.post("/mine", "").error()).isEqualTo("light_node");
    }

    /**
     * A light node following a full one reports its header chain: readiness and sync count its
     * headers (it has no blocks beyond genesis), and /status gives the tip header's time and
     * difficulty beside its height, for the dashboard's tiles.
     */
    @Test
    void aLightNodeReportsItsHeaderChain(@TempDir Path dir) throws Exception {
        int blocks = 5;
        try (ApiNode full = new ApiNode("full", dir.resolve("full"), ApiOptions.DEFAULTS)) {
            full.mine(blocks);
            try (ApiNode follower = new ApiNode("follower", dir.resolve("light"), ApiOptions.DEFAULTS,
                    List.of(full.asPeer()), 0, settings -> settings.light = true)) {
                // ready once it has every header its peer has shown; /status's sync block is the engine's
                // snapshot, republished every 500 ms, so it may lag the readiness answer (seen in a loaded CI run)
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    Response r = follower.get("/health/ready");
                    return r.status() == 200 && r.json().path("best_known_height").asLong() == blocks
                            && follower.get("/status").json().path("sync").path("height").asLong() == blocks;
                });

                Response ready = follower.get("/health/ready");
                assertThat(ready.json().path("status").asText()).isEqualTo("ready");
                assertThat(ready.json().path("height").asLong()).as("its header height").isEqualTo(blocks);
                assertThat(follower.get("/health/live").json().path("height").asLong()).isEqualTo(blocks);

                JsonNode fullTip = full.get("/blocks/" + blocks).json();
                JsonNode status = follower.get("/status").json();
                assertThat(status.path("height").asLong()).as("its block chain: genesis only").isZero();
                assertThat(status.path("best_header_height").asLong()).isEqualTo(blocks);
                assertThat(status.path("best_header").asText()).isEqualTo(fullTip.path("hash").asText());
                assertThat(status.path("best_header_time").asLong()).isEqualTo(fullTip.path("timestamp").asLong());
                assertThat(status.path("best_header_difficulty_bits").asDouble())
                        .isEqualTo(fullTip.path("difficulty_bits").asDouble());
                // a watcher of its events learns where its header chain starts, not only its genesis block tip
                try (EventsApiTest.EventStream events = new EventsApiTest.EventStream(follower)) {
                    JsonNode hello = events.next("hello").data();
                    assertThat(hello.path("height").asLong()).isZero();
                    assertThat(hello.path("best_header_height").asLong()).isEqualTo(blocks);
                    assertThat(hello.path("best_header").asText()).isEqualTo(fullTip.path("hash").asText());
                }
                // one metric name for every node's height: a cluster's height spread must not read light nodes as 0
                assertThat(MetricsApiTest.value(MetricsApiTest.scrape(follower), "flint_chain_height")).isEqualTo(blocks);
                JsonNode sync = status.path("sync");
                assertThat(sync.path("height").asLong()).isEqualTo(blocks);
                assertThat(sync.path("downloaded").asLong()).as("headers it added, each once").isEqualTo(blocks);

                // a block whose header it has: not "no such block", but "only the header here, ask a full node"
                String third = full.get("/blocks/3").json().path("hash").asText();
                for (String id : List.of("3", third)) {
                    Response headerOnly = follower.get("/blocks/" + id);
                    assertThat(headerOnly.status()).as(id).isEqualTo(409);
                    assertThat(headerOnly.error()).isEqualTo("light_node");
                    assertThat(headerOnly.reason()).contains("light node").contains("header of block " + third)
                            .contains("height 3").contains("full node");
                }
                // beyond its header tip: 404 naming that tip, not its genesis-only block chain
                Response beyond = follower.get("/blocks/" + (blocks + 1));
                assertThat(beyond.status()).isEqualTo(404);
                assertThat(beyond.reason()).contains("header chain ends at height " + blocks)
                        .contains(fullTip.path("hash").asText()).doesNotContain("height 0");
                // the list would show genesis alone as the latest block: refused the same way
                for (String list : List.of("/blocks", "/blocks?from=1&limit=3")) {
                    Response r = follower.get(list);
                    assertThat(r.status()).as(list).isEqualTo(409);
                    assertThat(r.error()).isEqualTo("light_node");
                    assertThat(r.reason()).contains("header chain is at height " + blocks);
                }
                assertThat(follower.get("/blocks/0").status()).as("genesis it has").isEqualTo(200);
            }
        }
    }

    /**
     * {@code /tips} on a light node: its chain is its best header chain, whose tip is the active
     * one; a rival header branch is headers-only (a light node never has the blocks).
     */
    @Test
    void aLightNodeListsItsHeaderTipsAgainstItsBestHeaderChain() {
        TestChainBuilder builder = new TestChainBuilder(NetworkParams.REGTEST);
        List<Block> main = builder.extend(builder.genesis(), 3);
        Block rival = builder.nextBlock(main.get(0)).mine();
        for (List<Block> branch : List.of(main, List.of(rival))) {
            assertThat(light.node.loop().call(() -> light.node.chain().submitHeaders(
                    branch.stream().map(Block::header).toList()), Duration.ofSeconds(10)))
                    .isInstanceOf(HeadersOutcome.Accepted.class);
        }

        Response tips = light.get("/tips");
        assertThat(tips.status()).isEqualTo(200);
        assertThat(tips.json()).extracting(t -> t.path("height").asLong(), t -> t.path("hash").asText(),
                t -> t.path("branch_length").asLong(), t -> t.path("status").asText()).containsExactly(
                tuple(3L, main.get(2).hash().toString(), 0L, "active"),
                tuple(2L, rival.hash().toString(), 1L, "headers-only"));
    }
}
