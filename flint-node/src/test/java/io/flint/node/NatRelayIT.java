package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.p2p.P2pEvent;
import io.flint.p2p.snapshot.PeerSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two NATed nodes in different local networks, 8009 (lan-a) and 8010 (lan-b), with three public
 * nodes. Neither NATed node accepts a connection from the other, so everything between them goes
 * as RELAY through a public node that holds a connection from the target - on real TCP, where
 * only the NATed node's own inbound filter stops the dial.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NatRelayIT {
    private static final Set<String> PUBLIC = Set.of("8001", "8002", "8003");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private NodeNetwork net;

    @BeforeAll
    void start(@TempDir Path dir) {
        net = new NodeNetwork(dir);
        // 8010 announces each block to all four of its peers: to 8009 through a relay
        net.startAll(List.of(NodeSpec.full("8001"), NodeSpec.full("8002"), NodeSpec.full("8003"),
                NodeSpec.full("8009").behindNat("lan-a"), NodeSpec.full("8010").behindNat("lan-b").asMiner().withFanout(4)));
        Eventually.within(WAIT, net, "the NATed nodes see each other ALIVE through a relay", () -> {
            Optional<PeerSnapshot> aSeesB = peer("8009", "8010");
            Optional<PeerSnapshot> bSeesA = peer("8010", "8009");
            return aSeesB.isPresent() && bSeesA.isPresent() && aSeesB.get().status().equals("ALIVE")
                    && bSeesA.get().status().equals("ALIVE") && PUBLIC.contains(aSeesB.get().relay())
                    && PUBLIC.contains(bSeesA.get().relay());
        });
    }

    @AfterAll
    void stop() {
        if (net != null) {
            net.close();
        }
    }

    private Optional<PeerSnapshot> peer(String at, String id) {
        return net.snapshot(net.node(at)).peers().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private long relaysReceived(String id) {
        return net.snapshot(net.node(id)).counters().received().getOrDefault("RELAY", 0L);
    }

    @Test
    void natedNodesOfDifferentNetworksTalkOnlyThroughPublicRelays() {
        for (String[] pair : new String[][] {{"8009", "8010"}, {"8010", "8009"}}) {
            PeerSnapshot other = peer(pair[0], pair[1]).orElseThrow();
            assertThat(other.relay()).as("relay from %s to %s", pair[0], pair[1]).isIn(PUBLIC);
            assertThat(other.rttMs()).as("RTT through the relay").isGreaterThanOrEqualTo(0);
        }
        assertThat(relaysReceived("8009")).isPositive();
        assertThat(relaysReceived("8010")).isPositive();
        // public nodes reach both NATed nodes directly, over the connections those opened
        for (String id : PUBLIC) {
            for (String nated : List.of("8009", "8010")) {
                PeerSnapshot p = peer(id, nated).orElseThrow();
                assertThat(p.relay()).as("%s reaching %s", id, nated).isEmpty();
                assertThat(p.status()).isEqualTo("ALIVE");
            }
        }
    }

    @Test
    void everyBlockMinedBehindOneNatReachesTheOtherSomeStraightThroughTheRelay() {
        // which peer handed 8009 each block: 8010 itself can only have done so through a relay
        Map<Hash, String> deliveredBy = new ConcurrentHashMap<>();
        FlintNode a = net.node("8009");
        net.onLoop(a, () -> {
            a.network().addListener(e -> {
                if (e instanceof P2pEvent.BlockReceived b) {
                    deliveredBy.putIfAbsent(b.hash(), b.fromPeer());
                }
            });
            return null;
        });
        List<Hash> mined = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Block block = net.mine("8010");
            mined.add(block.hash());
            Eventually.within(WAIT, net, "block " + (i + 1) + " everywhere", () -> net.allAtTip(net.nodes(), block.hash()));
        }
        assertThat(net.bestChain(a)).isEqualTo(net.bestChain(net.node("8010"))).containsAll(mined);
        // 8010 announces to 8009 by relay in two hops, before any public node can pass the block on
        // (four hops and a validation), so 8009 fetches most blocks from 8010 through the relay
        assertThat(mined).anyMatch(h -> "8010".equals(deliveredBy.get(h)));
    }
}
