package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.TestChainBuilder;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Transaction;
import io.flint.mempool.AcceptOutcome;
import io.flint.p2p.transport.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Dynamic membership: join, peer discovery, chain and pool join, graceful leave, return, persistence. */
class MembershipTest {

    private static List<NodeIdentity> bootstrapIds(int n) {
        return SimNet.ids(5000, n);
    }

    private static SimNet bootstrapNetwork(long seed, List<NodeIdentity> ids) {
        SimNet net = new SimNet(seed);
        net.mesh(ids, c -> c.withDynamic(true));
        net.runFor(Duration.ofSeconds(2));
        return net;
    }

    /** {@code count} transactions paying {@code to}, spending outputs of one confirmed split transaction. */
    private static List<Transaction> confirmedFunds(SimNet net, SimNode miner, SimNode owner, int count) {
        GossipTest.mineAndSpread(net, miner, 11);
        TestChainBuilder b = new TestChainBuilder(SimNet.PARAMS);
        TestChainBuilder.TxBuilder split = b.tx().spending(miner.coinbaseOf(miner.chain.blockAt(1).orElseThrow()));
        for (int i = 0; i < count; i++) {
            split.paying(owner.key, Amount.ofUnits(20_000_000));
        }
        Transaction splitTx = split.sign();
        assertThat(miner.pool.accept(splitTx)).isInstanceOf(AcceptOutcome.Accepted.class);
        Block withSplit = net.mine(miner);
        assertThat(withSplit.transactions()).contains(splitTx);
        long h = miner.chain.height();
        assertThat(net.runUntil(() -> net.running().stream().allMatch(n -> n.chain.height() == h),
                Duration.ofSeconds(30))).isTrue();
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            txs.add(b.tx().spending(TestChainBuilder.output(splitTx, i, owner.key))
                    .paying(miner.key, Amount.ofUnits(19_990_000)).sign());
        }
        return txs;
    }

    @Test
    void newNodesJoinAreAnnouncedLearnTheNetworkAndSyncChainAndPool() {
        List<NodeIdentity> ids = bootstrapIds(5);
        SimNet net = bootstrapNetwork(51, ids);
        SimNode miner = net.node("5000");
        List<Transaction> pooled = confirmedFunds(net, miner, net.node("5002"), 5);
        for (Transaction tx : pooled) {
            assertThat(net.node("5002").pool.accept(tx)).isInstanceOf(AcceptOutcome.Accepted.class);
            net.node("5002").engine.broadcastTransaction(tx);
        }
        net.runFor(Duration.ofSeconds(2));

        // three joiners at once, each knowing only two bootstrap peers
        List<SimNode> joiners = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            NodeIdentity id = SimNet.identity(String.valueOf(5011 + j));
            joiners.add(net.add(SimNet.config(id, List.of(SimNet.bootstrap(ids.get(j)), SimNet.bootstrap(ids.get(j + 1))),
                    c -> c.withDynamic(true))));
        }
        Set<String> everyone = net.nodes.keySet();
        assertThat(net.runUntil(() -> net.running().stream().allMatch(n -> n.engine.peerIds().size() == everyone.size() - 1
                && n.engine.snapshot().peers().stream().allMatch(p -> p.status().equals("ALIVE"))),
                Duration.ofSeconds(10))).isTrue();
        long h = miner.chain.height();
        for (SimNode j : joiners) {
            assertThat(net.runUntil(() -> j.chain.height() == h, Duration.ofSeconds(10))).isTrue();
            assertThat(net.runUntil(() -> pooled.stream().allMatch(tx -> j.pool.contains(tx.txid())),
                    Duration.ofSeconds(10))).isTrue();
            var sent = j.engine.snapshot().counters().sent();
            assertThat(sent).containsKeys("GET_PEERS", "GET_LATEST_BLOCK", "GET_MEMPOOL");
            assertThat(j.engine.syncProgress().synced()).isTrue();
        }
        long newPeerMessages = net.running().stream()
                .mapToLong(n -> n.engine.snapshot().counters().received().getOrDefault("NEW_PEER", 0L)).sum();
        assertThat(newPeerMessages).isPositive().isLessThan(3L * everyone.size() * 3);
    }

    @Test
    void aLeaverHandsOverTransactionsNobodyElseHasAndIsRemovedAtOnce() {
        List<NodeIdentity> ids = bootstrapIds(6);
        SimNet net = bootstrapNetwork(52, ids);
        SimNode miner = net.node("5000");
        SimNode leaver = net.node("5005");
        List<Transaction> held = confirmedFunds(net, miner, leaver, 150);
        for (Transaction tx : held) {
            // straight into the leaver's pool, never gossiped: only it has them
            assertThat(leaver.pool.accept(tx)).isInstanceOf(AcceptOutcome.Accepted.class);
        }
        List<SimNode> others = net.running().stream().filter(n -> n != leaver).toList();
        assertThat(others).allSatisfy(n -> assertThat(n.pool.size()).isZero());

        var done = leaver.engine.leave("normal_shutdown");
        assertThat(net.runUntil(done::isDone, Duration.ofSeconds(10))).isTrue();
        assertThat(leaver.engine.stopped()).isTrue();
        net.runFor(Duration.ofMillis(500));
        leaver.running = false;
        leaver.transport.close();

        for (Transaction tx : held) {
            assertThat(others.stream().anyMatch(n -> n.pool.contains(tx.txid()))).as("tx %s handed over", tx.txid())
                    .isTrue();
        }
        // the first 100 travelled inline to everyone; the rest in batches to three peers, who
        // gossip what was new to them, so more pools than those three hold them at once (without
        // waiting for a pool announcement, every sync interval); the announcements then fill the
        // pools that fanout-2 gossip missed
        assertThat(others).allSatisfy(n -> assertThat(n.pool.size()).isGreaterThanOrEqualTo(100));
        assertThat(others.stream().filter(n -> n.events.stream().anyMatch(e -> e instanceof P2pEvent.TransactionsHandedOver h
                && h.offered() == 50)).count()).as("peers that got the MEMPOOL_TRANSFER batch").isEqualTo(3);
        net.runFor(Duration.ofSeconds(1));
        // every pool, not only the three takers', holds some of the batches' transactions: how
        // many of the 50 reach a given pool this soon depends on the gossip's random picks
        assertThat(others).as("pools 1.5 s (virtual) after the leave").allSatisfy(n ->
                assertThat(n.pool.size()).isGreaterThan(100));
        assertThat(net.runUntil(() -> others.stream().allMatch(n -> n.pool.size() == 150), Duration.ofSeconds(15)))
                .as("every pool, after one round of announcements").isTrue();
        assertThat(others).allSatisfy(n -> {
            assertThat(n.engine.peerIds()).doesNotContain("5005");
            assertThat(n.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(P2pEvent.PeerLeft.class,
                    l -> assertThat(l.reason()).startsWith("goodbye")));
        });

        // the same id comes back (a restart) and is accepted again
        net.runFor(Duration.ofSeconds(5));
        net.nodes.remove("5005");
        SimNode back = net.add(SimNet.config(ids.get(5), SimNet.bootstrapFor("5005", ids), c -> c.withDynamic(true)));
        assertThat(net.runUntil(() -> others.stream().allMatch(n -> n.engine.peerIds().contains("5005")),
                Duration.ofSeconds(10))).isTrue();
        assertThat(net.runUntil(() -> back.engine.snapshot().peers().stream().allMatch(p -> p.status().equals("ALIVE")),
                Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void theLearnedPeerTableSurvivesARestart() {
        List<NodeIdentity> ids = bootstrapIds(4);
        SimNet net = bootstrapNetwork(53, ids);
        NodeIdentity joinerId = SimNet.identity("5020");
        SimNode joiner = net.add(SimNet.config(joinerId, List.of(SimNet.bootstrap(ids.get(0))), c -> c.withDynamic(true)));
        net.runFor(Duration.ofSeconds(5));
        List<PeerRecord> saved = joiner.engine.exportPeers();
        assertThat(saved).extracting(PeerRecord::id).containsExactlyInAnyOrder("5000", "5001", "5002", "5003");
        net.crash(joiner);
        net.runFor(Duration.ofSeconds(3));

        // restart: its config names only a bootstrap peer that is gone now; peers.json has the rest
        net.crash(net.node("5000"));
        net.revive("5020");
        P2pConfig config = SimNet.config(joinerId, List.of(SimNet.bootstrap(ids.get(0))), c -> c.withDynamic(true));
        SimNode again = net.addWithPeers(config, saved);
        assertThat(net.runUntil(() -> Set.of("5001", "5002", "5003").stream().allMatch(id ->
                again.engine.snapshot().peers().stream().anyMatch(p -> p.id().equals(id) && p.status().equals("ALIVE"))),
                Duration.ofSeconds(10))).isTrue();
        Set<String> alivePeers = again.engine.snapshot().peers().stream().filter(p -> p.status().equals("ALIVE"))
                .map(p -> p.id()).collect(Collectors.toSet());
        assertThat(alivePeers).doesNotContain("5000");
    }

    /**
     * peers.json remembered a bootstrap peer at an address it no longer has (a compose file's
     * bridge network, a test's old port): the configured address is the one dialled. The
     * remembered one was, and whatever answered there spoke for the peer.
     */
    @Test
    void aBootstrapPeersConfiguredAddressWinsOverTheOneRemembered() {
        List<NodeIdentity> ids = bootstrapIds(3);
        SimNet net = bootstrapNetwork(54, ids);
        NodeIdentity joinerId = SimNet.identity("5021");
        PeerRecord real = SimNet.bootstrap(ids.get(1));
        PeerRecord stale = new PeerRecord(real.id(), new Endpoint("10.9.9.9", real.endpoint().port()), real.flags(),
                true);
        SimNode joiner = net.addWithPeers(SimNet.config(joinerId, List.of(real), c -> c), List.of(stale));
        assertThat(net.runUntil(() -> joiner.engine.snapshot().peers().stream()
                .anyMatch(p -> p.id().equals(real.id()) && p.status().equals("ALIVE")), Duration.ofSeconds(10)))
                .isTrue();
        assertThat(joiner.engine.snapshot().peers()).filteredOn(p -> p.id().equals(real.id())).singleElement()
                .satisfies(p -> assertThat(p.ip()).isEqualTo(real.endpoint().host()));
    }

    /**
     * A remembered address of a learned peer where another program listens now: what it answers
     * on our dial is not the peer's doing. Charged to the peer's id, an HTTP server on a stale
     * address got an honest peer banned for an hour (a compose network switched to host mode).
     */
    @Test
    void whatAStrangerAnswersAtAStaleAddressIsNotChargedToThePeer() {
        List<NodeIdentity> ids = bootstrapIds(2);
        SimNet net = bootstrapNetwork(55, ids);
        Endpoint staleAddress = SimNet.endpointOf("6690");
        io.flint.net.memory.MemoryTransport stranger = net.network.newTransport();
        stranger.start(staleAddress, new io.flint.p2p.transport.TransportListener() {
            @Override
            public void onFrame(io.flint.p2p.transport.ConnectionId c, Endpoint remote, byte[] payload) {
                stranger.send(c, "HTTP/1.1 400 Bad Request".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }

            @Override
            public void onBadFrame(io.flint.p2p.transport.ConnectionId c, Endpoint remote, String reason) {}

            @Override
            public void onConnected(io.flint.p2p.transport.ConnectionId c, Endpoint remote) {}

            @Override
            public void onDisconnected(io.flint.p2p.transport.ConnectionId c, Endpoint remote, String reason) {}
        });
        PeerRecord learned = SimNet.bootstrap(ids.get(1));
        PeerRecord stale = new PeerRecord(learned.id(), staleAddress, learned.flags(), false);
        SimNode joiner = net.addWithPeers(SimNet.config(SimNet.identity("5022"), List.of(SimNet.bootstrap(ids.get(0))),
                c -> c), List.of(stale));
        net.runFor(Duration.ofSeconds(60));
        assertThat(joiner.events).as("the stranger's answers were offences of a connection, not of " + learned.id())
                .noneMatch(e -> e instanceof P2pEvent.OffenceCounted o && o.peerId().equals(learned.id()))
                .noneMatch(e -> e instanceof P2pEvent.PeerBanned b && b.peerId().equals(learned.id()));
        assertThat(joiner.engine.snapshot().counters().dropped()).containsKey("bad_frame");
    }
}
