package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode.Response;
import io.flint.core.NetworkParams;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.PrivateKey;
import io.flint.node.RawSocketPeer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoints: the token check, mining one block, adding a peer, lifting a ban, sync and shutdown. */
class AdminApiTest {
    static final List<String> ADMIN = List.of("/mine", "/peers", "/sync", "/shutdown", "/wallet/newaddress", "/wallet/send");

    @TempDir
    Path dir;
    ApiNode n;

    @BeforeEach
    void start() {
        n = new ApiNode("api-test-a", dir.resolve("a"), ApiOptions.DEFAULTS);
    }

    @AfterEach
    void stop() {
        n.close();
    }

    @Test
    void adminEndpointsRefuseAMissingOrWrongTokenAndDoNothing() {
        long height = n.node.chain().height();
        for (String path : ADMIN) {
            Response none = n.post(path, "{}", null);
            assertThat(none.status()).as(path).isEqualTo(401);
            assertThat(none.error()).isEqualTo("unauthorized");
            assertThat(none.reason()).contains("Authorization: Bearer");
            assertThat(none.raw().headers().firstValue("WWW-Authenticate")).isPresent();
            Response wrong = n.post(path, "{}", "0".repeat(64));
            assertThat(wrong.status()).as(path).isEqualTo(401);
            assertThat(wrong.reason()).isEqualTo("the admin token is wrong");
        }
        Response basic = n.send(HttpRequest.newBuilder(n.uri("/mine"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Basic abc"));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(n.node.chain().height()).isEqualTo(height);
        assertThat(n.shutdownRequests.getCount()).isEqualTo(1);
    }

    @Test
    void mineFindsOneBlockAndSaysWhereItIs() {
        long height = n.node.chain().height();
        JsonNode mined = n.mine(null);
        assertThat(mined.path("height").asLong()).isEqualTo(height + 1);
        assertThat(mined.path("hash").asText()).isEqualTo(n.node.chain().tip().hash().toString());
        assertThat(mined.path("connected").asBoolean()).isTrue();
        assertThat(mined.path("address").asText()).isEqualTo(n.node.payoutAddress().toString());
        assertThat(mined.path("tx_count").asInt()).isEqualTo(1);

        Address other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN);
        JsonNode toOther = n.mine(other.toString());
        assertThat(toOther.path("address").asText()).isEqualTo(other.toString());
        assertThat(n.get("/blocks/" + toOther.path("hash").asText()).json().path("miner").asText()).isEqualTo(other.toString());
    }

    /**
     * A regtest node paces continuous mining (trivial proof of work would otherwise flood its
     * peers), by default one block a second; a block asked for with POST /mine is not held back,
     * even behind an hour's pause.
     */
    @Test
    void continuousMiningIsPacedOnRegtestButPostMineIsNot() {
        assertThat(n.node.miner().config().continuousInterval()).isEqualTo(Duration.ofSeconds(1));
        try (ApiNode slow = new ApiNode("api-test-slow", dir.resolve("slow"), ApiOptions.DEFAULTS, List.of(), 0,
                b -> b.mineInterval = Optional.of(Duration.ofHours(1)))) {
            slow.node.startMining();
            await().atMost(20, TimeUnit.SECONDS).until(() -> slow.node.chain().height() == 1);

            Response mined = slow.post("/mine", "");
            assertThat(mined.status()).isEqualTo(200);
            assertThat(mined.json().path("height").asLong()).isEqualTo(2);
            assertThat(slow.node.miner().isMining()).isTrue();
        }
    }

    /**
     * A node whose clock is set back behind its chain's median time past cannot mine a valid
     * block: POST /mine says so at once with how long to wait, instead of hashing blocks its own
     * chain would reject as too new until the timeout; the chain is unchanged.
     */
    @Test
    void mineSaysWhenTheClockIsTooFarBehindTheChainForAValidBlock() {
        AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);
        Clock system = Clock.systemUTC();
        Clock shifted = new Clock() {
            @Override
            public Instant instant() {
                return system.instant().plus(shift.get());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        try (ApiNode late = new ApiNode("api-test-late", dir.resolve("late"), ApiOptions.DEFAULTS, List.of(), 0,
                b -> { }, shifted)) {
            assertThat(late.post("/mine", "").status()).isEqualTo(200);
            long height = late.node.chain().height();

            shift.set(Duration.ofHours(-3));
            Response refused = late.post("/mine?timeout=30", "");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.error()).isEqualTo("clock_behind_chain");
            assertThat(refused.reason()).contains("more than 2 h ahead of this node's clock")
                    .containsPattern("can be mined in 36\\d\\d s");
            assertThat(late.node.chain().height()).isEqualTo(height);
            assertThat(late.get("/status").json().path("mining_paused").isNull()).isTrue();
            late.node.startMining();
            await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                    late.get("/status").json().path("mining_paused").asText()).contains("ahead of this node's clock"));
            assertThat(late.node.chain().height()).as("continuous mining waits too").isEqualTo(height);

            shift.set(Duration.ZERO);
            await().atMost(20, TimeUnit.SECONDS).until(() -> late.node.chain().height() > height);
            assertThat(late.get("/status").json().path("mining_paused").isNull()).isTrue();
        }
    }

    @Test
    void mineRefusesABadAddressOrBodyBeforeMining() {
        long height = n.node.chain().height();
        Response bad = n.post("/mine", "{\"address\":\"xyz\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("bad_address");
        Response notJson = n.post("/mine", "address=1abc");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).isEqualTo("bad_json");
        Response badTimeout = n.post("/mine?timeout=0", "");
        assertThat(badTimeout.status()).isEqualTo(400);
        assertThat(badTimeout.reason()).contains("timeout");
        assertThat(n.node.chain().height()).isEqualTo(height);
    }

    @Test
    void addPeerConnectsToAnotherNodeAndSyncIsAccepted() {
        try (ApiNode b = new ApiNode("api-test-b", dir.resolve("b"), ApiOptions.DEFAULTS)) {
            b.mine(3);
            Response bad = n.post("/peers", "{\"address\":\"localhost\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.error()).isEqualTo("bad_address");
            assertThat(bad.reason()).contains("HOST:PORT");
            assertThat(n.post("/peers", "{}").error()).isEqualTo("missing_field");

            Response added = n.post("/peers", "{\"address\":\"" + b.node.advertisedEndpoint() + "\"}");
            assertThat(added.status()).isEqualTo(202);
            assertThat(added.json().path("status").asText()).isEqualTo("connecting");
            await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(n.get("/peers").json().findValuesAsText("id")).contains("api-test-b"));
            Response sync = n.post("/sync", "");
            assertThat(sync.status()).isEqualTo(202);
            await().atMost(15, TimeUnit.SECONDS).until(() -> n.node.chain().height() == 3);
            JsonNode peer = n.get("/peers").json().get(0);
            for (String field : List.of("id", "ip", "port", "status", "nat", "light", "rtt_ms", "relay", "mode", "address",
                    "http_port", "height")) {
                assertThat(peer.has(field)).as(field).isTrue();
            }
        }
    }

    @Test
    void addPeerRefusesAHostThatCannotNameAMachineAndTheNodeItselfChangingNothing() {
        String own = n.node.advertisedEndpoint().toString();
        int port = n.node.advertisedEndpoint().port();
        JsonNode before = n.get("/peers").json();
        for (String address : List.of("bad host:7500", "no/slash:7500", "-dash.example:7500", "a..b:7500",
                "300.1.1.1:7500", "127.0.0.01:7500", "[zz::1]:7500")) {
            Response bad = n.post("/peers", "{\"address\":\"" + address + "\"}");
            assertThat(bad.status()).as(address).isEqualTo(400);
            assertThat(bad.error()).as(address).isEqualTo("bad_address");
            assertThat(bad.reason()).as(address).contains("is not a host name or IP address");
        }
        // the rule the reason states is the one applied: '_' is let in (compose and container names)
        assertThat(n.post("/peers", "{\"address\":\"bad host:7500\"}").reason()).endsWith("(a name is letters, digits, "
                + "'-', '_' and '.'; an IPv6 address goes in brackets)");
        for (String self : List.of(own, "LOCALHOST:" + port)) {
            Response refused = n.post("/peers", "{\"address\":\"" + self + "\"}");
            assertThat(refused.status()).as(self).isEqualTo(400);
            assertThat(refused.error()).as(self).isEqualTo("bad_address");
            assertThat(refused.reason()).as(self).contains("this node's own P2P endpoint");
        }
        assertThat(n.get("/peers").json()).isEqualTo(before);
        // another port on the same host, a name or an IPv6 literal is someone else
        for (String fine : List.of("127.0.0.1:" + (port == 65_535 ? 1 : port + 1), "node-1.example_net.:7500",
                "[::1]:7500")) {
            assertThat(PeerAddress.isSelf(PeerAddress.parse(fine), n.node.advertisedEndpoint(),
                    n.node.settings().p2pBind())).as(fine).isFalse();
        }
    }

    @Test
    void unbanLiftsABanNowAndSaysWhenThereIsNone() throws Exception {
        EventsApiTest.EventStream events = new EventsApiTest.EventStream(n);
        try (RawSocketPeer raw = RawSocketPeer.connect(n.node.advertisedEndpoint())) {
            raw.send(raw.hello("6666", NetworkParams.REGTEST, ""));
            for (int i = 0; i < 3; i++) {
                raw.send("{\"type\":\"TX\",\"sender_id\":\"6666\",\"message_id\":\"" + raw.nextId() + "\",\"tx\":42}");
            }
            assertThat(raw.closedByPeer(Duration.ofSeconds(15))).as("banned at the third offence").isTrue();
        }
        await().atMost(15, TimeUnit.SECONDS).until(() -> n.get("/blacklist").json().findValuesAsText("id").contains("6666"));
        // the road to the ban is in the event stream, not only in the log (a fault lab's ask)
        for (int count = 1; count <= 3; count++) {
            JsonNode offence = events.next("offence").data();
            assertThat(offence.path("peer").asText()).isEqualTo("6666");
            assertThat(offence.path("kind").asText()).isEqualTo("malformed");
            assertThat(offence.path("count").asInt()).isEqualTo(count);
        }
        assertThat(events.next("ban").data().path("peer").asText()).isEqualTo("6666");
        // a partition's ban does not replace it: the heal would lift a misbehaving peer's ban with its own
        String offenceReason = n.get("/blacklist").json().get(0).path("reason").asText();
        Response again = n.post("/blacklist", "{\"id\":\"6666\",\"reason\":\"partition\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("detail").asText()).contains("banned already, that ban stays");
        assertThat(n.get("/blacklist").json().get(0).path("reason").asText()).isEqualTo(offenceReason);

        assertThat(n.send(unban("6666", null)).status()).isEqualTo(401);
        Response lifted = n.send(unban("6666", n.node.adminToken()));
        assertThat(lifted.status()).isEqualTo(200);
        assertThat(lifted.json().path("status").asText()).isEqualTo("unbanned");
        assertThat(n.get("/blacklist").json()).isEmpty();
        JsonNode unban = events.next("unban").data();
        assertThat(unban.path("peer").asText()).isEqualTo("6666");
        assertThat(unban.path("how").asText()).isEqualTo("operator");
        events.close();
        Response none = n.send(unban("6666", n.node.adminToken()));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.error()).isEqualTo("not_found");
        assertThat(none.reason()).contains("'6666' is not banned here");
    }

    /**
     * An operator's ban splits a running pair (a lab's partition) with no offence needed: the
     * peer is dropped at once on both sides of the API call's node, blocks stop flowing, and
     * lifting it heals the pair (a configured peer is greeted again at once).
     */
    @Test
    void anOperatorsBanSplitsAPairAndLiftingItHealsIt() {
        try (ApiNode b = new ApiNode("api-test-b", dir.resolve("b"), ApiOptions.DEFAULTS);
                ApiNode c = new ApiNode("api-test-c", dir.resolve("c"), ApiOptions.DEFAULTS, List.of(b.asPeer()), 0)) {
            await().atMost(15, TimeUnit.SECONDS).until(() -> c.node.network().peerIds().contains("api-test-b"));

            assertThat(c.post("/blacklist", "{\"id\":\"api-test-b\"}", null).status()).isEqualTo(401);
            assertThat(c.post("/blacklist", "{\"id\":\"api-test-c\"}").error()).isEqualTo("bad_id");
            assertThat(c.post("/blacklist", "{\"id\":\"a\\nb\"}").error()).isEqualTo("bad_id");
            assertThat(c.post("/blacklist", "{\"id\":\"x\",\"seconds\":0}").error()).isEqualTo("bad_seconds");
            assertThat(c.post("/blacklist", "{}").error()).isEqualTo("missing_field");
            assertThat(c.get("/blacklist").json()).as("nothing changed by a refused request").isEmpty();

            Response banned = c.post("/blacklist", "{\"id\":\"api-test-b\",\"seconds\":600,\"reason\":\"partition\"}");
            assertThat(banned.status()).as(banned.text()).isEqualTo(200);
            assertThat(banned.json().path("status").asText()).isEqualTo("banned");
            assertThat(c.node.network().peerIds()).doesNotContain("api-test-b");
            JsonNode listed = c.get("/blacklist").json().get(0);
            assertThat(listed.path("id").asText()).isEqualTo("api-test-b");
            assertThat(listed.path("reason").asText()).isEqualTo("banned by the operator: partition");
            assertThat(listed.path("endpoint").asText()).isEqualTo(b.node.advertisedEndpoint().toString());

            b.mine(2);
            await().during(Duration.ofSeconds(2)).atMost(5, TimeUnit.SECONDS).until(() -> c.node.chain().height() == 0);

            assertThat(c.send(unban(c, "api-test-b", c.node.adminToken())).status()).isEqualTo(200);
            await().atMost(20, TimeUnit.SECONDS).until(() -> c.node.chain().height() == 2);
        }
    }

    private HttpRequest.Builder unban(String id, String token) {
        return unban(n, id, token);
    }

    private static HttpRequest.Builder unban(ApiNode node, String id, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.uri("/blacklist/" + id)).DELETE();
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    @Test
    void shutdownAnswersThenAsksForTheStop() throws Exception {
        Response r = n.post("/shutdown", "");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().path("status").asText()).isEqualTo("stopping");
        assertThat(n.shutdownRequests.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
