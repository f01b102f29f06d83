package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Transaction;
import io.flint.chain.TestChainBuilder;
import io.flint.p2p.message.Message;
import io.flint.p2p.message.PeerFlags;
import io.flint.p2p.snapshot.BanSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offences (bad frames, malformed fields, invalid data, flooding), bans, and malicious mode. */
class OffenceTest {
    private static final int MIB = 1024 * 1024;

    private static List<BanSnapshot> bans(SimNode n) {
        return n.engine.snapshot().blacklist();
    }

    /** A raw peer that said HELLO to {@code node} a second ago, so {@code node} knows it. */
    static RawPeer greeted(SimNet net, SimNode node, String id) {
        RawPeer peer = new RawPeer(net, id, 8 * MIB);
        peer.hello(node.endpoint);
        net.runFor(Duration.ofSeconds(1));
        return peer;
    }

    /** A well-formed TX message whose {@code tx} is a number: a malformed field, one offence. */
    private static String txOfTheWrongType(RawPeer from) {
        return "{\"type\":\"TX\",\"sender_id\":\"" + from.id + "\",\"message_id\":\"" + from.nextId() + "\",\"tx\":42}";
    }

    @Test
    void aPeerSendingGarbageOversizedAndWrongTypedFramesIsBannedWhileTheNodeServesOthers() {
        SimNet net = new SimNet(41);
        List<SimNode> pair = net.mesh(SimNet.ids(5000, 2), c -> c);
        SimNode victim = pair.get(0);
        SimNode honest = pair.get(1);
        RawPeer attacker = new RawPeer(net, "6666", 16 * MIB);
        attacker.hello(victim.endpoint);
        net.runFor(Duration.ofSeconds(1));
        assertThat(victim.engine.peerIds()).contains("6666");

        attacker.sendRaw(victim.endpoint, txOfTheWrongType(attacker));
        net.runFor(Duration.ofMillis(200));
        assertThat(attacker.disconnects).as("a malformed field leaves the connection open").isZero();
        attacker.sendRaw(victim.endpoint, "this is not json at all");
        net.runFor(Duration.ofMillis(200));
        assertThat(attacker.disconnects).as("a frame that is not JSON closes it").isEqualTo(1);
        assertThat(bans(victim)).isEmpty();
        // the offences stay with the id across connections: it says who it is again, then offends
        attacker.hello(victim.endpoint);
        attacker.sendRaw(victim.endpoint, new byte[9 * MIB]);
        net.runFor(Duration.ofMillis(200));

        assertThat(bans(victim)).singleElement().satisfies(b -> {
            assertThat(b.peerId()).isEqualTo("6666");
            assertThat(b.endpoint()).isEqualTo("10.0.0.167:6666");
            assertThat(b.reason()).contains("bad frame");
        });
        P2pEvent.PeerBanned event = victim.events.stream().filter(P2pEvent.PeerBanned.class::isInstance)
                .map(P2pEvent.PeerBanned.class::cast).findFirst().orElseThrow();
        assertThat(bans(victim).get(0).expires()).isEqualTo(event.at().plus(Duration.ofHours(1)));
        assertThat(victim.engine.snapshot().counters().offences()).containsKeys("malformed", "bad_frame");
        assertThat(victim.engine.peerIds()).doesNotContain("6666");

        // banned: what it sends is dropped, nothing goes back to it
        int heard = attacker.received.size();
        attacker.hello(victim.endpoint);
        attacker.send(victim.endpoint, new Message.GetPeers());
        net.runFor(Duration.ofSeconds(10));
        assertThat(attacker.received).hasSize(heard);
        assertThat(victim.engine.snapshot().counters().dropped()).containsKey("banned_sender");
        assertThat(victim.engine.snapshot().queue().dropped()).as("outgoing drops (GET /queue)")
                .doesNotContainKey("banned_sender");
        // nor when its address is given again (--peers greets an address until a peer lives there)
        victim.engine.addPeer(attacker.endpoint);
        net.runFor(Duration.ofSeconds(2));
        assertThat(attacker.received).hasSize(heard);
        assertThat(victim.engine.snapshot().counters().dropped()).containsEntry("banned_endpoint", 1L);

        // and the victim goes on serving its honest peer
        Block b = net.mine(honest);
        assertThat(net.runUntil(() -> victim.chain.hasBlock(b.hash()), Duration.ofSeconds(10))).isTrue();
        assertThat(victim.engine.snapshot().peers()).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo("ALIVE"));
    }

    @Test
    void aNodeRefusedAtABannedPeersEndpointIsNamedInTheLogAndTheOperatorCanLiftTheBan() {
        SimNet net = new SimNet(47);
        SimNode victim = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer banned = new RawPeer(net, "6666", MIB);
        banned.hello(victim.endpoint);
        List.of(1, 2, 3).forEach(i -> banned.sendRaw(victim.endpoint, txOfTheWrongType(banned)));
        net.runFor(Duration.ofSeconds(1));
        BanSnapshot ban = bans(victim).get(0);
        assertThat(ban.peerId()).isEqualTo("6666");

        // the banned node stops and an honest one starts at its address, under another id
        RawPeer successor = new RawPeer(net, "6667", MIB);
        try (LogLines log = new LogLines(P2pEngine.class)) {
            for (int i = 0; i < 6; i++) {
                successor.send(victim.endpoint, RawPeer.helloFrom(banned.endpoint));
                net.runFor(Duration.ofSeconds(1L << i)); // greeted again and again, as a node does a silent peer
            }
            assertThat(log.at(Level.INFO, "refusing a HELLO")).as("one line per endpoint while it keeps trying")
                    .containsExactly("[5000] refusing a HELLO as 6667 from " + banned.endpoint
                            + ": that endpoint is banned until " + ban.expires() + " (6666: " + ban.reason() + ")");
            net.runFor(Duration.ofMinutes(10));
            successor.send(victim.endpoint, RawPeer.helloFrom(banned.endpoint));
            net.runFor(Duration.ofSeconds(1));
            assertThat(log.at(Level.INFO, "refusing a HELLO")).as("and again 10 minutes later").hasSize(2);

            // bans live in memory: the operator lifts one (DELETE /blacklist/6666) rather than restart
            assertThat(victim.engine.unban("6667")).isFalse();
            assertThat(victim.engine.unban("6666")).isTrue();
            assertThat(log.at(Level.INFO, "ban of 6666 lifted by the operator")).hasSize(1);
        }
        assertThat(victim.engine.published().blacklist()).isEmpty();
        successor.send(victim.endpoint, RawPeer.helloFrom(banned.endpoint));
        net.runFor(Duration.ofSeconds(1));
        assertThat(victim.engine.peerIds()).contains("6667");
        assertThat(victim.engine.unban("6666")).as("lifted once").isFalse();
    }

    @Test
    void garbageFromAHostThatNeverSaidWhoItIsClosesEachConnectionAndGetsTheHostBannedAtTheThird() {
        SimNet net = new SimNet(45);
        SimNode victim = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer stranger = new RawPeer(net, "6669", 8 * MIB);
        for (int i = 1; i <= 3; i++) {
            if (i == 3) {
                assertThat(bans(victim)).isEmpty();
            }
            stranger.sendRaw(victim.endpoint, "not json, attempt " + i);
            net.runFor(Duration.ofMillis(200));
            assertThat(stranger.disconnects).as("closed after garbage %d", i).isEqualTo(i);
        }
        assertThat(bans(victim)).singleElement().satisfies(b -> {
            assertThat(b.peerId()).isEmpty();
            assertThat(b.endpoint()).isEqualTo(stranger.endpoint.host());
            assertThat(b.reason()).contains("bad frame");
        });
        assertThat(victim.engine.snapshot().counters().offences()).containsEntry("bad_frame", 3L);

        // the banned host is refused unheard, whoever it claims to be; another host is not
        stranger.hello(victim.endpoint);
        net.runFor(Duration.ofSeconds(1));
        assertThat(victim.engine.peerIds()).doesNotContain("6669");
        assertThat(victim.engine.snapshot().counters().dropped()).containsEntry("banned_host", 1L);
        assertThat(stranger.received).isEmpty();
        RawPeer neighbour = new RawPeer(net, "6670", 8 * MIB);
        neighbour.hello(victim.endpoint);
        net.runFor(Duration.ofSeconds(1));
        assertThat(victim.engine.peerIds()).contains("6670");

        // the ban ends after an hour, like a peer's
        net.runFor(Duration.ofHours(1));
        assertThat(bans(victim)).isEmpty();
        stranger.hello(victim.endpoint);
        net.runFor(Duration.ofSeconds(1));
        assertThat(victim.engine.peerIds()).contains("6669");
    }

    @Test
    void aStrangerClaimingALivePeersIdCanNeitherMoveItNorGetItBanned() {
        SimNet net = new SimNet(46);
        List<SimNode> pair = net.mesh(SimNet.ids(5000, 2), c -> c);
        SimNode victim = pair.get(0);
        SimNode honest = pair.get(1);
        assertThat(net.runUntil(() -> victim.engine.snapshot().peers().stream()
                .anyMatch(p -> p.id().equals("5001") && p.status().equals("ALIVE")), Duration.ofSeconds(10))).isTrue();
        RawPeer stranger = new RawPeer(net, "6671", 8 * MIB);

        // a HELLO as 5001 from another endpoint: refused, 5001 stays where it is
        stranger.sendAs(victim.endpoint, "5001", RawPeer.helloFrom(stranger.endpoint));
        net.runFor(Duration.ofMillis(200));
        assertThat(victim.engine.snapshot().counters().dropped()).containsEntry("id_in_use", 1L);
        assertThat(victim.engine.snapshot().peers()).filteredOn(p -> p.id().equals("5001")).singleElement()
                .satisfies(p -> assertThat(p.ip() + ":" + p.port()).isEqualTo(honest.endpoint.toString()));
        assertThat(stranger.received).isEmpty();

        // well-formed messages as 5001, then malformed ones, on a connection of its own: 5001 is not charged
        stranger.sendAs(victim.endpoint, "5001", new Message.GetPeers());
        for (int i = 0; i < 3; i++) {
            stranger.sendRaw(victim.endpoint, "{\"type\":\"PING\",\"sender_id\":\"5001\",\"message_id\":\""
                    + stranger.nextId() + "\"}");
        }
        // an id nobody here knows yet is not charged either, so it can still join later
        for (int i = 0; i < 3; i++) {
            stranger.sendRaw(victim.endpoint, "{\"type\":\"PING\",\"sender_id\":\"6100\",\"message_id\":\""
                    + stranger.nextId() + "\"}");
        }
        net.runFor(Duration.ofSeconds(1));
        assertThat(bans(victim)).extracting(BanSnapshot::peerId).doesNotContain("5001", "6100");
        assertThat(bans(victim)).extracting(BanSnapshot::endpoint).contains(stranger.endpoint.host());
        Block b = net.mine(honest);
        assertThat(net.runUntil(() -> victim.chain.hasBlock(b.hash()), Duration.ofSeconds(10))).isTrue();
        RawPeer later = new RawPeer(net, "6100", 8 * MIB);
        later.hello(victim.endpoint);
        net.runFor(Duration.ofSeconds(1));
        assertThat(victim.engine.peerIds()).contains("6100");
    }

    @Test
    void aStrangerChangingItsIdOnEveryMessageIsStillCutOffAtTheThirdOffence() {
        SimNet net = new SimNet(47);
        SimNode victim = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer stranger = new RawPeer(net, "6672", 8 * MIB);
        for (int i = 0; i < 3; i++) {
            stranger.sendRaw(victim.endpoint, "{\"type\":\"PING\",\"sender_id\":\"ghost" + i + "\",\"message_id\":\""
                    + stranger.nextId() + "\"}");
        }
        net.runFor(Duration.ofMillis(200));
        assertThat(stranger.disconnects).isEqualTo(1);
        assertThat(bans(victim)).extracting(BanSnapshot::peerId).containsExactly("");
    }

    @Test
    void aRequestFromAPeerThatHasNotSaidHelloIsCountedNotAnswered() {
        SimNet net = new SimNet(48);
        SimNode victim = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer stranger = new RawPeer(net, "6673", 8 * MIB);
        stranger.send(victim.endpoint, new Message.GetPeers());
        stranger.send(victim.endpoint, new Message.Ping(1, null, List.of()));
        net.runFor(Duration.ofSeconds(1));
        assertThat(stranger.received).isEmpty();
        assertThat(victim.engine.snapshot().counters().dropped()).containsEntry("unknown_requester", 2L);
        assertThat(bans(victim)).isEmpty();
    }

    @Test
    void dropsThatCostNoOffenceAreCountedAndNamedAtDebugOncePerConnectionAndCause() {
        SimNet net = new SimNet(53);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        try (LogLines log = new LogLines(P2pEngine.class).withDebug()) {
            RawPeer peer = greeted(net, node, "6678");
            for (int i = 0; i < 3; i++) {
                peer.sendAs(node.endpoint, "6678x", new Message.GetPeers());
            }
            RawPeer stranger = new RawPeer(net, "6679", 8 * MIB);
            stranger.send(node.endpoint, new Message.GetPeers());
            stranger.send(node.endpoint, new Message.NewPeer("6680", "10.9.0.1", 7000, PeerFlags.NONE));
            stranger.sendAs(node.endpoint, "5000", RawPeer.helloFrom(stranger.endpoint));
            net.runFor(Duration.ofMillis(200));

            assertThat(node.engine.snapshot().counters().dropped()).containsEntry("sender_mismatch", 3L)
                    .containsEntry("unknown_requester", 1L).containsEntry("unknown_teller", 1L)
                    .containsEntry("own_id", 1L);
            assertThat(log.at(Level.DEBUG, "dropped (sender_mismatch)")).singleElement().asString()
                    .contains("from 6678x on in#", "GET_PEERS on a connection that speaks for 6678");
            assertThat(log.at(Level.DEBUG, "dropped (unknown_requester) a message from 6679 on in#")).hasSize(1);
            assertThat(log.at(Level.DEBUG, "dropped (unknown_teller) a message from 6679 on in#")).hasSize(1);
            assertThat(log.at(Level.DEBUG, "dropped (own_id) a message from 5000 on in#")).singleElement().asString()
                    .contains("HELLO under this node's own id");
        }
        assertThat(node.engine.peerIds()).containsExactly("6678");
    }

    @Test
    void aFrameThatIsNotJsonIsCountedAsABadFrameInBothCounters() {
        SimNet net = new SimNet(52);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer peer = greeted(net, node, "6677");
        peer.sendRaw(node.endpoint, "{\"type\":\"PING\",\"type\":\"PONG\"}");
        net.runFor(Duration.ofMillis(200));
        assertThat(node.engine.snapshot().counters().offences()).containsOnlyKeys("bad_frame");
        assertThat(node.engine.snapshot().counters().dropped()).containsEntry("bad_frame", 1L)
                .doesNotContainKey("malformed");
    }

    @Test
    void aLatestBlockWhoseHeaderDoesNotHashToItsHashIsMalformedAndStartsNoSync() {
        SimNet net = new SimNet(51);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer liar = greeted(net, node, "6676");
        liar.sendRaw(node.endpoint, "{\"type\":\"LATEST_BLOCK\",\"sender_id\":\"6676\",\"message_id\":\""
                + liar.nextId() + "\",\"height\":999999,\"hash\":\"" + "ab".repeat(32) + "\",\"header\":\""
                + "00".repeat(84) + "\"}");
        net.runFor(Duration.ofSeconds(2));

        assertThat(node.engine.snapshot().counters().offences()).containsEntry("malformed", 1L);
        assertThat(liar.received).noneMatch(m -> m.contains("\"type\":\"GET_BLOCK_HEADERS\""));
        assertThat(node.engine.snapshot().peers()).singleElement().satisfies(p -> assertThat(p.height()).isZero());
    }

    @Test
    void aRequestForMoreThan100HeadersGetsTheFirst100AndIsNoOffence() {
        SimNet net = new SimNet(50);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        for (int i = 0; i < 120; i++) {
            net.mine(node);
        }
        RawPeer peer = greeted(net, node, "6675");
        peer.send(node.endpoint, new Message.GetBlockHeaders(10, 500));
        net.runFor(Duration.ofSeconds(1));
        assertThat(peer.received).filteredOn(m -> m.contains("\"BLOCK_HEADERS\"")).singleElement().satisfies(m -> {
            com.fasterxml.jackson.databind.JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m);
            assertThat(answer.get("start_height").asLong()).isEqualTo(10);
            assertThat(answer.get("headers")).hasSize(100);
            assertThat(answer.get("tip_height").asLong()).isEqualTo(120);
        });
        assertThat(node.engine.snapshot().counters().offences()).isEmpty();
    }

    @Test
    void aMessageIdInUpperCaseIsTheSameIdAsInLowerCase() {
        SimNet net = new SimNet(49);
        SimNode victim = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer peer = greeted(net, victim, "6674");
        int before = (int) peer.received.stream().filter(m -> m.contains("\"PONG\"")).count();
        String id = peer.nextId();
        for (String spelled : List.of(id, id.toUpperCase(java.util.Locale.ROOT))) {
            peer.sendRaw(victim.endpoint, "{\"type\":\"PING\",\"sender_id\":\"6674\",\"message_id\":\"" + spelled
                    + "\",\"timestamp\":1}");
        }
        net.runFor(Duration.ofSeconds(1));
        assertThat(peer.received.stream().filter(m -> m.contains("\"PONG\"")).count()).isEqualTo(before + 1);
        assertThat(victim.engine.snapshot().counters().redundant()).containsEntry("PING", 1L);
    }

    @Test
    void floodingBeyondTheBurstIsAnOffencePerSecondAndEndsInABan() {
        SimNet net = new SimNet(42);
        SimNode victim = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c.withInboundLimit(50, 100)));
        RawPeer flooder = new RawPeer(net, "6667", 8 * MIB);
        flooder.hello(victim.endpoint);
        net.runFor(Duration.ofSeconds(1));
        for (int second = 0; second < 4; second++) {
            for (int i = 0; i < 400; i++) {
                flooder.send(victim.endpoint, new Message.Ping(i, null, List.of()));
            }
            net.runFor(Duration.ofSeconds(1));
        }
        assertThat(bans(victim)).singleElement().satisfies(b -> {
            assertThat(b.peerId()).isEqualTo("6667");
            assertThat(b.reason()).contains("rate limit");
        });
        assertThat(victim.engine.snapshot().counters().offences()).containsEntry("rate_limit", 3L);
    }

    @Test
    void aMaliciousPeerIsBannedByItsNeighboursAndNothingItForgesIsAccepted() {
        SimNet net = meshWithMalicious5000(43, 5);
        SimNode bad = net.node("5000");
        SimNode miner = net.node("5001");
        // a real transaction in the malicious pool, so its forgeries include a bad signature on real coins
        GossipTest.mineAndSpread(net, miner, 11);
        Transaction real = new TestChainBuilder(SimNet.PARAMS).tx()
                .spending(miner.coinbaseOf(miner.chain.blockAt(1).orElseThrow()))
                .paying(bad.key, Amount.ofCoins(49)).sign();
        assertThat(bad.pool.accept(real)).isInstanceOf(io.flint.mempool.AcceptOutcome.Accepted.class);

        List<SimNode> honest = net.running().stream().filter(n -> n != bad).toList();
        assertThat(net.runUntil(() -> honest.stream().allMatch(n -> bans(n).stream()
                .anyMatch(b -> b.peerId().equals("5000"))), Duration.ofSeconds(60))).isTrue();
        net.runFor(Duration.ofSeconds(20));
        for (SimNode n : honest) {
            assertThat(n.chain.height()).isEqualTo(11);
            assertThat(n.chain.tip().hash()).isEqualTo(miner.chain.tip().hash());
            assertThat(n.pool.size()).isZero();
            assertThat(n.chain.orphans()).isEmpty();
            assertThat(n.events).filteredOn(P2pEvent.TxReceived.class::isInstance).isEmpty();
            assertThat(n.engine.peerIds()).doesNotContain("5000");
        }
        var offences = honest.stream().flatMap(n -> n.engine.snapshot().counters().offences().keySet().stream())
                .distinct().toList();
        assertThat(offences).contains("invalid_block", "invalid_tx");
    }

    /**
     * A configured peer the operator unbans is put back in the table and greeted at once, as at
     * start: the ban had taken it out, and an operator's unbanned bootstrap peer was not heard from
     * again until it dialled in itself.
     */
    @Test
    void anUnbannedBootstrapPeerIsGreetedAgainAtOnce() {
        SimNet net = meshWithMalicious5000(47, 2);
        SimNode honest = net.node("5001");
        GossipTest.mineAndSpread(net, honest, 2);
        assertThat(net.runUntil(() -> bans(honest).stream().anyMatch(b -> b.peerId().equals("5000")),
                Duration.ofSeconds(60))).isTrue();
        net.runFor(Duration.ofSeconds(5));
        assertThat(honest.engine.peerIds()).doesNotContain("5000");

        assertThat(honest.engine.unban("5000")).isTrue();
        assertThat(honest.engine.peerIds()).contains("5000");
        net.runFor(Duration.ofSeconds(2));
        assertThat(honest.engine.snapshot().peers()).filteredOn(p -> p.id().equals("5000")).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo("ALIVE"));
    }

    @Test
    void aConnectionCannotSpeakForAnotherPeer() {
        SimNet net = new SimNet(44);
        List<SimNode> pair = net.mesh(SimNet.ids(5000, 2), c -> c);
        SimNode victim = pair.get(0);
        RawPeer spoofer = new RawPeer(net, "6668", 8 * MIB);
        spoofer.hello(victim.endpoint);
        net.runFor(Duration.ofSeconds(1));
        // garbage claiming to come from the honest 5001, on the spoofer's own connection
        for (int i = 0; i < 3; i++) {
            spoofer.sendRaw(victim.endpoint, "{\"type\":\"GET_PEERS\",\"sender_id\":\"5001\",\"message_id\":\""
                    + spoofer.nextId() + "\"}");
        }
        for (int i = 0; i < 3; i++) {
            spoofer.sendRaw(victim.endpoint, "{\"type\":\"TX\",\"sender_id\":\"5001\",\"message_id\":\""
                    + spoofer.nextId() + "\",\"tx\":\"00\"}");
        }
        net.runFor(Duration.ofSeconds(1));
        // the connection's own peer answers for the malformed ones; the well-formed spoofs are dropped
        assertThat(bans(victim)).extracting(BanSnapshot::peerId).containsExactly("6668");
        assertThat(victim.engine.snapshot().counters().dropped()).containsEntry("sender_mismatch", 3L);
        assertThat(victim.engine.peerIds()).contains("5001");
    }

    /** {@code n} nodes from 5000 up, all connected, 5000 in malicious mode. */
    private static SimNet meshWithMalicious5000(long seed, int n) {
        SimNet net = new SimNet(seed);
        List<NodeIdentity> ids = new ArrayList<>(SimNet.ids(5000, n));
        ids.set(0, ids.get(0).withMode(Mode.MALICIOUS));
        net.mesh(ids, c -> c);
        return net;
    }
}
