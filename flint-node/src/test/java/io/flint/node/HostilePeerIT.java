package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Block;
import io.flint.p2p.snapshot.BanSnapshot;
import io.flint.p2p.snapshot.NetworkSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw TCP client throws bad frames at a node of a small real network: garbage, an oversized
 * length prefix, messages with fields of the wrong JSON type. The node drops the connection
 * (at once for a frame that is not JSON) or bans the sender, and keeps serving its honest peers (after each test a new block still reaches
 * every node, the victim included).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostilePeerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private NodeNetwork net;
    private FlintNode victim;

    @BeforeAll
    void start(@TempDir Path dir) {
        net = new NodeNetwork(dir);
        net.startAll(List.of(NodeSpec.full("7001").asMiner(), NodeSpec.full("7002"), NodeSpec.full("7003"),
                NodeSpec.full("7004")));
        net.awaitMeshed(WAIT);
        victim = net.node("7002");
    }

    @AfterAll
    void stop() {
        if (net != null) {
            net.close();
        }
    }

    @AfterEach
    void theVictimStillServesItsHonestPeers() {
        assertThat(net.banned(victim)).doesNotContain("7001", "7003", "7004");
        Block block = net.mine("7001");
        net.awaitCondition(WAIT, "every node at " + block.hash(), () -> net.allAtTip(net.nodes(), block.hash()));
        assertThat(net.alivePeers(victim)).contains("7001", "7003", "7004");
    }

    private long offences(String kind) {
        return net.snapshot(victim).counters().offences().getOrDefault(kind, 0L);
    }

    @Test
    void aFrameThatIsNotOneJsonObjectClosesItsConnectionAtOnceButALoopbackHostIsNeverBanned() throws Exception {
        long before = offences("bad_frame");
        for (String garbage : List.of("this is not JSON", "[1, 2, 3]", "{\"unterminated\": ")) {
            try (RawSocketPeer raw = RawSocketPeer.connect(victim.advertisedEndpoint())) {
                raw.send(garbage);
                assertThat(raw.closedByPeer(WAIT)).as("closed after %s", garbage).isTrue();
            }
        }
        net.awaitCondition(WAIT, "three bad frames counted", () -> offences("bad_frame") - before == 3);
        // three offences from 127.0.0.1, but every local peer connects from there: no host ban
        assertThat(net.snapshot(victim).blacklist()).noneMatch(b -> b.peerId().isEmpty());
        try (RawSocketPeer raw = RawSocketPeer.connect(victim.advertisedEndpoint())) {
            raw.send(raw.hello("6668", net.params(), ""));
            net.awaitCondition(WAIT, "6668 known to the victim", () -> net.alivePeers(victim).contains("6668"));
        }
    }

    @Test
    void wellFormedButMalformedMessagesFromAClientThatNeverSaidHelloEndItsConnectionAtTheThird() throws Exception {
        long before = offences("malformed");
        try (RawSocketPeer raw = RawSocketPeer.connect(victim.advertisedEndpoint())) {
            raw.send("{\"type\":\"NO_SUCH_TYPE\"}");
            raw.send("{\"type\":\"PING\"}");
            assertThat(raw.closedByPeer(Duration.ofMillis(300))).as("open after two offences").isFalse();
            raw.send("{\"type\":\"NO_SUCH_TYPE\"}");
            assertThat(raw.closedByPeer(WAIT)).as("closed at the third offence").isTrue();
        }
        assertThat(offences("malformed") - before).isEqualTo(3);
    }

    @Test
    void anOversizedLengthPrefixClosesTheConnectionAtOnce() throws Exception {
        long before = net.snapshot(victim).counters().dropped().getOrDefault("bad_frame", 0L);
        try (RawSocketPeer raw = RawSocketPeer.connect(victim.advertisedEndpoint())) {
            raw.sendLengthPrefix(Integer.MAX_VALUE);
            assertThat(raw.closedByPeer(WAIT)).isTrue();
        }
        try (RawSocketPeer raw = RawSocketPeer.connect(victim.advertisedEndpoint())) {
            raw.sendLengthPrefix(0);
            assertThat(raw.closedByPeer(WAIT)).isTrue();
        }
        net.awaitCondition(WAIT, "two bad frames counted", () -> net.snapshot(victim).counters().dropped()
                .getOrDefault("bad_frame", 0L) - before == 2);
    }

    @Test
    void aPeerSendingFieldsOfTheWrongTypeIsBanned() throws Exception {
        try (RawSocketPeer raw = RawSocketPeer.connect(victim.advertisedEndpoint())) {
            raw.send(raw.hello("6666", net.params(), ""));
            net.awaitCondition(WAIT, "6666 known to the victim", () -> net.alivePeers(victim).contains("6666"));
            raw.send("{\"type\":\"TX\",\"sender_id\":\"6666\",\"message_id\":\"" + raw.nextId() + "\",\"tx\":42}");
            raw.send(raw.hello("6666", net.params(), "").replace("\"height\":0", "\"height\":\"zero\""));
            assertThat(raw.closedByPeer(Duration.ofMillis(300))).as("open after two offences").isFalse();
            raw.sendLengthPrefix(64 << 20);
            assertThat(raw.closedByPeer(WAIT)).isTrue();
        }
        NetworkSnapshot s = net.snapshot(victim);
        assertThat(s.blacklist()).extracting(BanSnapshot::peerId).contains("6666");
        assertThat(s.counters().offences()).containsKeys("malformed", "bad_frame");
        assertThat(s.peers()).noneMatch(p -> p.id().equals("6666"));

        // while banned, a new connection speaking as 6666 is dropped unheard
        long droppedBefore = s.counters().dropped().getOrDefault("banned_sender", 0L);
        try (RawSocketPeer again = RawSocketPeer.connect(victim.advertisedEndpoint())) {
            again.send(again.hello("6666", net.params(), ""));
            assertThat(again.closedByPeer(WAIT)).isTrue();
        }
        assertThat(net.snapshot(victim).counters().dropped().getOrDefault("banned_sender", 0L)).isGreaterThan(droppedBefore);
        assertThat(net.alivePeers(victim)).doesNotContain("6666");
    }

    @Test
    void invalidUtf8InsideAValidLengthClosesTheConnectionAndCountsAgainstTheSenderAcrossReconnects() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try (RawSocketPeer raw = RawSocketPeer.connect(victim.advertisedEndpoint())) {
                String hello = raw.hello("6667", net.params(), "");
                raw.send(hello);
                net.awaitCondition(WAIT, "6667 known to the victim", () -> net.alivePeers(victim).contains("6667"));
                byte[] broken = hello.getBytes(StandardCharsets.UTF_8);
                broken[broken.length / 2] = (byte) 0xff;
                raw.send(broken);
                assertThat(raw.closedByPeer(WAIT)).as("closed after broken frame %d", attempt).isTrue();
            }
            if (attempt < 3) {
                assertThat(net.banned(victim)).doesNotContain("6667");
            }
        }
        net.awaitCondition(WAIT, "6667 banned at its third bad frame", () -> net.banned(victim).contains("6667"));
    }
}
