package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.p2p.message.Envelope;
import io.flint.p2p.message.Message;
import io.flint.p2p.message.PeerEntry;
import io.flint.p2p.message.PeerFlags;
import io.flint.p2p.snapshot.BanSnapshot;
import io.flint.p2p.transport.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ids are not authenticated: what a stranger can do by writing someone else's id into
 * {@code sender_id} (the exploratory tester's report of 2026-11-23, findings 1, 2, 4, 6 and 7).
 */
class ForgedIdentityTest {
    private static final int MIB = 1024 * 1024;

    private static List<BanSnapshot> bans(SimNode n) {
        return n.engine.snapshot().blacklist();
    }

    private static Map<String, Long> dropped(SimNode n) {
        return n.engine.snapshot().counters().dropped();
    }

    /** Two nodes that see each other ALIVE: the victim 5000 and the honest 5001. */
    private static List<SimNode> pair(SimNet net) {
        List<SimNode> pair = net.mesh(SimNet.ids(5000, 2), c -> c);
        assertThat(net.runUntil(() -> pair.get(0).engine.snapshot().peers().stream()
                .anyMatch(p -> p.id().equals("5001") && p.status().equals("ALIVE")), Duration.ofSeconds(10))).isTrue();
        return pair;
    }

    private static Forger forger(SimNode at) {
        return new Forger(new ChainStateAccess(at.chain, false), new MempoolAccess(at.pool), new SplittableRandom(7));
    }

    @Test
    void invalidBlocksTransactionsAndHeadersUnderAnHonestPeersIdDoNotGetItBanned() {
        SimNet net = new SimNet(61);
        List<SimNode> pair = pair(net);
        SimNode victim = pair.get(0);
        SimNode honest = pair.get(1);
        // deep enough that every forged transaction spends a matured coinbase (not a missing input)
        for (int i = 0; i < 20; i++) {
            net.mine(honest);
        }
        assertThat(net.runUntil(() -> victim.chain.height() == 20, Duration.ofSeconds(10))).isTrue();
        Forger forger = forger(victim);
        Forger headerForger = forger(victim);
        long now = net.scheduler.now().getEpochSecond();

        // each attack from a host of its own, on a fresh connection, with no HELLO, as 5001
        RawPeer blocks = new RawPeer(net, "6690", 8 * MIB);
        RawPeer txs = new RawPeer(net, "6691", 8 * MIB);
        RawPeer headers = new RawPeer(net, "6692", 8 * MIB);
        for (int i = 0; i < 3; i++) {
            blocks.sendAs(victim.endpoint, "5001", new Message.BlockMsg(forger.forgeBlock(now)));
            txs.sendAs(victim.endpoint, "5001", new Message.Tx(forger.forgeTransaction()));
            // the forger alternates: every other block fails proof of work
            Block noWork = headerForger.forgeBlock(now);
            headerForger.forgeBlock(now);
            headers.sendAs(victim.endpoint, "5001",
                    new Message.BlockHeaders(noWork.height(), List.of(noWork.header()), noWork.height()));
        }
        // and a RELAY whose payload claims 5001, from a peer that said who it is
        RawPeer relayer = new RawPeer(net, "6693", 8 * MIB);
        relayer.hello(victim.endpoint);
        net.runFor(Duration.ofMillis(200));
        for (int i = 0; i < 3; i++) {
            Envelope payload = new Envelope("5001", relayer.nextId(), new Message.BlockMsg(forger.forgeBlock(now)));
            relayer.send(victim.endpoint, new Message.Relay("5000", payload, 1));
        }
        net.runFor(Duration.ofSeconds(2));

        assertThat(bans(victim)).extracting(BanSnapshot::peerId).doesNotContain("5001", "6693");
        assertThat(victim.engine.snapshot().peers()).filteredOn(p -> p.id().equals("5001")).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo("ALIVE"));
        assertThat(victim.engine.snapshot().counters().offences()).containsKeys("invalid_block", "invalid_tx");
        // the hosts that sent them answer for them; the relayed ones are counted, charged to nobody
        assertThat(bans(victim)).extracting(BanSnapshot::endpoint)
                .contains(blocks.endpoint.host(), txs.endpoint.host());
        assertThat(dropped(victim)).containsEntry("uncharged_offence", 3L);
        Block b = net.mine(honest);
        assertThat(net.runUntil(() -> victim.chain.hasBlock(b.hash()), Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aFloodUnderANewIdOnEveryMessageIsRateLimitedAndLeavesNoStateBehind() {
        SimNet net = new SimNet(62);
        SimNode victim = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c.withInboundLimit(50, 100)));
        RawPeer flooder = new RawPeer(net, "6694", 8 * MIB);
        for (int i = 0; i < 3_000; i++) {
            flooder.sendAs(victim.endpoint, "x" + i, new Message.Inv(List.of(), List.of()));
        }
        net.runFor(Duration.ofMillis(500));
        assertThat(victim.engine.snapshot().counters().received().getOrDefault("INV", 0L)).isLessThanOrEqualTo(100);
        assertThat(dropped(victim).get("inbound_rate")).isGreaterThanOrEqualTo(2_900L);
        assertThat(victim.engine.senderStateSize()).isLessThan(10);

        // it goes on: one offence a second, the connection closed at the third
        for (int second = 0; second < 3; second++) {
            for (int i = 0; i < 500; i++) {
                flooder.sendAs(victim.endpoint, "y" + second + "-" + i, new Message.Inv(List.of(), List.of()));
            }
            net.runFor(Duration.ofSeconds(1));
        }
        assertThat(flooder.disconnects).isEqualTo(1);
        assertThat(victim.engine.senderStateSize()).isLessThan(10);
    }

    @Test
    void aForgedGoodbyeRemovesNobodyEvenRepeated() {
        SimNet net = new SimNet(63);
        List<SimNode> mesh = net.mesh(SimNet.ids(5000, 3), c -> c);
        SimNode victim = mesh.get(0);
        assertThat(net.runUntil(() -> victim.engine.snapshot().peers().stream().filter(p -> p.status().equals("ALIVE"))
                .count() == 2, Duration.ofSeconds(10))).isTrue();
        // one connection per claimed id (a connection speaks for one id)
        Map<String, RawPeer> forgers = Map.of("5001", new RawPeer(net, "6695", 8 * MIB), "5002",
                new RawPeer(net, "6699", 8 * MIB));
        for (int round = 0; round < 10; round++) {
            forgers.forEach((id, forger) -> forger.sendAs(victim.endpoint, id,
                    new Message.Goodbye("bye", List.of(), false, 0)));
            net.runFor(Duration.ofSeconds(2));
            assertThat(victim.engine.peerIds()).contains("5001", "5002");
        }
        assertThat(victim.events).noneMatch(P2pEvent.PeerLeft.class::isInstance);
        assertThat(dropped(victim)).containsEntry("goodbye_unconfirmed", 20L);
        assertThat(victim.engine.snapshot().peers()).allSatisfy(p -> assertThat(p.status()).isEqualTo("ALIVE"));
    }

    private static Message.PeersList listOf(int count, int firstHost) {
        Map<String, PeerEntry> list = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int n = firstHost + i;
            list.put("fake" + n, new PeerEntry("10.9." + (n / 250) + "." + (n % 250 + 1), 7000, PeerFlags.NONE, "ALIVE"));
        }
        return new Message.PeersList(list);
    }

    @Test
    void peerListsComeOnlyFromKnownPeersFillABoundedTableAndAreGreetedAtAPace() {
        SimNet net = new SimNet(64);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c.toBuilder().maxPeers(60)
                .maxPeersPerList(40).greetRate(5).greetBurst(10).build()));
        RawPeer stranger = new RawPeer(net, "6696", 8 * MIB);
        stranger.send(node.endpoint, listOf(1_000, 0));
        stranger.send(node.endpoint, new Message.NewPeer("fake5000", "10.9.90.1", 7000, PeerFlags.NONE));
        net.runFor(Duration.ofSeconds(1));
        assertThat(node.engine.peerIds()).isEmpty();
        assertThat(dropped(node)).containsEntry("unknown_teller", 2L);

        RawPeer teller = new RawPeer(net, "6697", 8 * MIB);
        teller.hello(node.endpoint);
        net.runFor(Duration.ofMillis(200));
        long hellosBefore = node.engine.snapshot().counters().sent().getOrDefault("HELLO", 0L);
        teller.send(node.endpoint, listOf(1_000, 0));
        net.runFor(Duration.ofMillis(200));
        // 40 of the list are taken; 10 greeted at once, the rest at 5 a second
        assertThat(node.engine.peerIds()).hasSize(1 + 40);
        long greeted = node.engine.snapshot().counters().sent().getOrDefault("HELLO", 0L) - hellosBefore;
        assertThat(greeted).isBetween(10L, 12L);
        net.runFor(Duration.ofSeconds(2));
        greeted = node.engine.snapshot().counters().sent().getOrDefault("HELLO", 0L) - hellosBefore;
        assertThat(greeted).isBetween(19L, 22L);

        // more lists fill the table up to its bound, never beyond
        teller.send(node.endpoint, listOf(1_000, 1_000));
        teller.send(node.endpoint, listOf(1_000, 2_000));
        net.runFor(Duration.ofMillis(200));
        assertThat(node.engine.peerIds()).hasSize(60);
        assertThat(dropped(node)).containsKeys("peer_table_full", "peers_list_excess");
    }

    @Test
    void anAddressThatNamesNoHostIsRefusedInHelloAndNewPeerAndSkippedInPeerLists() {
        SimNet net = new SimNet(66);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer liar = new RawPeer(net, "6698", 8 * MIB);
        liar.send(node.endpoint, new Message.Hello("not an ip!", 13538, PeerFlags.NONE, SimNet.PARAMS.genesisHash(), 0,
                "", 0, "normal", false));
        net.runFor(Duration.ofMillis(200));
        assertThat(node.engine.peerIds()).as("not stored, so never listed to others").isEmpty();
        assertThat(node.engine.snapshot().counters().offences()).containsEntry("malformed", 1L);

        RawPeer teller = new RawPeer(net, "6699", 8 * MIB);
        teller.hello(node.endpoint);
        net.runFor(Duration.ofMillis(200));
        teller.send(node.endpoint, new Message.NewPeer("ghost1", "evil host", 7000, PeerFlags.NONE));
        Map<String, PeerEntry> list = new LinkedHashMap<>();
        list.put("ghost2", new PeerEntry("-bad-.example", 7000, PeerFlags.NONE, "ALIVE"));
        list.put("ghost3", new PeerEntry("10.9.0.3", 7000, PeerFlags.NONE, ""));
        list.put("ghost4", new PeerEntry("10.9.0.4", 7000, PeerFlags.NONE, "ALIVE"));
        teller.send(node.endpoint, new Message.PeersList(list));
        net.runFor(Duration.ofMillis(200));

        assertThat(node.engine.peerIds()).containsExactlyInAnyOrder("6699", "ghost4");
        assertThat(node.engine.snapshot().counters().offences()).as("the NEW_PEER is one; the list none")
                .containsEntry("malformed", 2L);
        assertThat(dropped(node)).containsEntry("peers_list_bad_ip", 1L).containsEntry("peers_list_no_status", 1L);
        assertThat(bans(node)).isEmpty();
    }

    @Test
    void blocksAskedForUnderAnAddressSomeoneElseListensAtAreNotSentThere() {
        SimNet net = new SimNet(65);
        // a slow outbox: most answers still wait when the requester hangs up
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(),
                c -> c.withOutboxLimits(10_000, 2_000, 5, 5)));
        List<Hash> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(net.mine(node).hash());
        }
        RawPeer bystander = new RawPeer(net, "6120", 8 * MIB);
        RawPeer reflector = new RawPeer(net, "6698", 8 * MIB);
        Endpoint named = bystander.endpoint;
        reflector.sendAs(node.endpoint, "refl", RawPeer.helloFrom(named));
        reflector.sendAs(node.endpoint, "refl", new Message.GetBlock(ids));
        net.runFor(Duration.ofMillis(100));
        reflector.hangUp();
        net.runFor(Duration.ofSeconds(60));

        assertThat(bystander.received).isEmpty();
        assertThat(node.engine.snapshot().queue().dropped()).containsKey("unverified_endpoint");
    }
}
