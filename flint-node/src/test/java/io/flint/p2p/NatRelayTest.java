package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Block;
import io.flint.net.memory.LinkConditions;
import io.flint.p2p.snapshot.PeerSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NAT: a NATed peer accepts connections only from its local network; peers that cannot dial it
 * reach it with RELAY through the reachable relay with the lowest RTT, and relays forward.
 */
class NatRelayTest {
    private final NodeIdentity p1 = SimNet.identity("5000");
    private final NodeIdentity p2 = SimNet.identity("5001");
    private final NodeIdentity p3 = SimNet.identity("5002");
    private final NodeIdentity natA = SimNet.identity("5009").withNat(true, "lan-a");
    private final NodeIdentity natB = SimNet.identity("5010").withNat(true, "lan-b");
    private final List<NodeIdentity> all = List.of(p1, p2, p3, natA, natB);

    private SimNet network(long seed) {
        SimNet net = new SimNet(seed);
        // 5001 is the closest public peer of both NATed peers, so the best relay between them
        LinkConditions slow = LinkConditions.PERFECT.withLatency(Duration.ofMillis(40));
        LinkConditions fast = LinkConditions.PERFECT.withLatency(Duration.ofMillis(5));
        for (NodeIdentity nat : List.of(natA, natB)) {
            net.network.setConditions(nat.listen(), p1.listen(), slow);
            net.network.setConditions(nat.listen(), p3.listen(), slow);
            net.network.setConditions(nat.listen(), p2.listen(), fast);
        }
        net.mesh(all, c -> c.withFanout(1));
        return net;
    }

    private static PeerSnapshot peer(SimNode at, String id) {
        return at.engine.snapshot().peers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void natedPeersOfDifferentNetworksTalkThroughTheFastestRelay() {
        SimNet net = network(31);
        net.runFor(Duration.ofSeconds(20));
        SimNode a = net.node("5009");
        SimNode b = net.node("5010");
        assertThat(peer(a, "5010").status()).isEqualTo("ALIVE");
        assertThat(peer(b, "5009").status()).isEqualTo("ALIVE");
        assertThat(peer(a, "5010").relay()).isEqualTo("5001");
        assertThat(peer(b, "5009").relay()).isEqualTo("5001");
        assertThat(peer(a, "5000").relay()).isEmpty();
        assertThat(net.node("5001").engine.snapshot().counters().received()).containsKey("RELAY");
        assertThat(a.engine.snapshot().counters().received()).containsKey("RELAY");
        // public peers reach both NATed peers on the connections those opened
        assertThat(peer(net.node("5000"), "5009").relay()).isEmpty();
        assertThat(peer(net.node("5000"), "5009").status()).isEqualTo("ALIVE");
    }

    @Test
    void aNatedPeerReceivesEveryBlockMinedBehindAnotherNat() {
        SimNet net = network(32);
        net.runFor(Duration.ofSeconds(20));
        SimNode miner = net.node("5010");
        SimNode a = net.node("5009");
        for (int i = 0; i < 5; i++) {
            Block b = net.mine(miner);
            assertThat(net.runUntil(() -> net.running().stream().allMatch(n -> n.chain.hasBlock(b.hash())),
                    Duration.ofSeconds(15))).as("block %d everywhere", i + 1).isTrue();
        }
        assertThat(a.chain.tip().hash()).isEqualTo(miner.chain.tip().hash());
    }

    @Test
    void aDialIntoANatFromOutsideDoesNotGetThrough() {
        SimNet net = network(33);
        net.runFor(Duration.ofSeconds(3));
        SimNode outsider = net.add(SimNet.config(SimNet.identity("5020"), List.of(SimNet.bootstrap(p1)), c -> c));
        net.runFor(Duration.ofSeconds(1));
        // addpeer pointed straight at the NATed endpoint, with no connection from it to reuse
        outsider.engine.addPeer(natA.listen());
        net.runFor(Duration.ofSeconds(10));
        assertThat(outsider.engine.snapshot().queue().dropped()).containsKey("send_failed");
        assertThat(net.node("5009").engine.peerIds()).doesNotContain("5020");
    }

    @Test
    void aNatedEngineClosesConnectionsFromOutsideItsNetworkItself() {
        // on TCP nothing stops the dial: the engine refuses the HELLO and closes the connection
        SimNet net = network(34);
        net.network.clearNat(natA.listen());
        net.runFor(Duration.ofSeconds(3));
        SimNode outsider = net.add(SimNet.config(SimNet.identity("5020"), List.of(SimNet.bootstrap(p1)), c -> c));
        outsider.engine.addPeer(natA.listen());
        net.runFor(Duration.ofSeconds(5));
        SimNode a = net.node("5009");
        assertThat(a.engine.snapshot().counters().dropped()).containsKey("nat_refused");
        assertThat(a.engine.peerIds()).doesNotContain("5020");
        // a peer of its own local network is welcome
        SimNode neighbour = net.add(SimNet.config(SimNet.identity("5021").withNat(false, "lan-a"), List.of(), c -> c));
        neighbour.engine.addPeer(natA.listen());
        net.runFor(Duration.ofSeconds(5));
        assertThat(a.engine.peerIds()).contains("5021");
    }

    @Test
    void aRelayWithNoHopsLeftIsDroppedSoRelaysNeverLoop() {
        SimNet net = network(35);
        net.runFor(Duration.ofSeconds(5));
        RawPeer sender = new RawPeer(net, "6000", 1 << 20);
        SimNode relay = net.node("5001");
        sender.hello(relay.endpoint);
        net.runFor(Duration.ofSeconds(1));
        io.flint.p2p.message.Envelope inner = new io.flint.p2p.message.Envelope("6000", sender.nextId(),
                new io.flint.p2p.message.Message.GetLatestBlock(0));
        sender.send(relay.endpoint, new io.flint.p2p.message.Message.Relay("5009", inner, 0));
        net.runFor(Duration.ofSeconds(1));
        assertThat(relay.engine.snapshot().counters().dropped()).containsEntry("relay_undeliverable", 1L);
        // with a hop left it is delivered, and the target answers its sender
        sender.send(relay.endpoint, new io.flint.p2p.message.Message.Relay("5009",
                new io.flint.p2p.message.Envelope("6000", sender.nextId(), new io.flint.p2p.message.Message.GetPeers()), 1));
        net.runFor(Duration.ofSeconds(1));
        assertThat(net.node("5009").engine.snapshot().counters().received()).containsKey("GET_PEERS");
    }

    /**
     * A node that leaves and comes back under its id while the NATed peers still remember its
     * GOODBYE: the news of its join (NEW_PEER) is newer than the GOODBYE, so the NATed peer dials
     * it again. It used to ignore the news, hear the node only through relays, and report it
     * UNREACHABLE and ALIVE by turns for as long as it ran (an instructor's crash lab counted
     * the false alarms).
     */
    @Test
    void aNodeBackUnderItsIdSoonAfterItLeftIsDialledAgainByTheNatedPeers() {
        SimNet net = network(36);
        net.runFor(Duration.ofSeconds(5));
        NodeIdentity joinerId = SimNet.identity("5020");
        P2pConfig config = SimNet.config(joinerId, List.of(SimNet.bootstrap(p1)), c -> c.withDynamic(true));
        SimNode joiner = net.add(config);
        net.runFor(Duration.ofSeconds(15));
        SimNode a = net.node("5009");
        assertThat(peer(a, "5020").status()).isEqualTo("ALIVE");
        assertThat(peer(a, "5020").relay()).as("dialled directly on first join").isEmpty();

        net.leave(joiner);
        net.runFor(Duration.ofSeconds(5));
        assertThat(a.engine.peerIds()).doesNotContain("5020");
        net.revive("5020");
        net.add(config);
        long unreachableBefore = a.countEvents(P2pEvent.PeerUnreachable.class);
        net.runFor(Duration.ofSeconds(90));
        assertThat(peer(a, "5020").status()).isEqualTo("ALIVE");
        assertThat(peer(a, "5020").relay()).as("a direct connection again, not relays").isEmpty();
        assertThat(a.countEvents(P2pEvent.PeerUnreachable.class) - unreachableBefore).as("no false alarms").isZero();
    }
}
