package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Transaction;
import io.flint.chain.TestChainBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gossip of transactions and block announcements, de-duplication, INV -> GETBLOCK -> BLOCK. */
class GossipTest {

    /** Six full nodes and one light node, everyone knowing everyone. */
    static SimNet network(long seed, int fanout) {
        SimNet net = new SimNet(seed);
        List<NodeIdentity> ids = new ArrayList<>(SimNet.ids(5000, 6));
        ids.add(SimNet.identity("5006").withLight(true));
        net.mesh(ids, c -> c.withFanout(fanout));
        net.runFor(Duration.ofSeconds(2));
        return net;
    }

    static List<SimNode> full(SimNet net) {
        return net.running().stream().filter(n -> !n.engine.config().identity().light()).toList();
    }

    /** Mines {@code n} blocks on {@code miner} and waits until every running node has them. */
    static void mineAndSpread(SimNet net, SimNode miner, int n) {
        for (int i = 0; i < n; i++) {
            net.mine(miner);
            net.runFor(Duration.ofMillis(200));
        }
        long h = miner.chain.height();
        assertThat(net.runUntil(() -> net.running().stream().allMatch(x -> x.height() == h), Duration.ofSeconds(60)))
                .as("all nodes at height %d", h).isTrue();
    }

    /** A signed spend of {@code miner}'s coinbase at {@code height} paying {@code to}. */
    static Transaction spend(SimNet net, SimNode miner, long height, SimNode to) {
        Block b = miner.chain.blockAt(height).orElseThrow();
        return new TestChainBuilder(SimNet.PARAMS).tx().spending(miner.coinbaseOf(b))
                .paying(to.key, Amount.ofCoins(49)).sign();
    }

    @Test
    void aTransactionReachesEveryFullNodeAndNoLightNode() {
        SimNet net = network(11, 3);
        SimNode a = net.node("5000");
        mineAndSpread(net, a, 11);
        Transaction tx = spend(net, a, 1, net.node("5003"));
        assertThat(a.pool.accept(tx)).isInstanceOf(io.flint.mempool.AcceptOutcome.Accepted.class);
        a.engine.broadcastTransaction(tx);
        assertThat(net.runUntil(() -> full(net).stream().allMatch(n -> n.pool.contains(tx.txid())),
                Duration.ofSeconds(10))).isTrue();
        SimNode light = net.node("5006");
        assertThat(light.engine.snapshot().counters().received()).doesNotContainKey("TX");
        long redundant = full(net).stream()
                .mapToLong(n -> n.engine.snapshot().counters().redundant().getOrDefault("TX", 0L)).sum();
        // fanout 3 among 6: forwarders keep the message id, so copies that cross are recognised
        assertThat(redundant).isPositive();
        assertThat(full(net)).allSatisfy(n -> assertThat(n.events).filteredOn(P2pEvent.TxReceived.class::isInstance)
                .hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void atFanoutOneTransactionsStillReachEveryFullPoolThroughPoolAnnouncements() {
        // push gossip with fanout 1 is a random walk that stops at the first node that already has
        // the transaction; the periodic INV of pooled txids (pull) is what completes the spread
        SimNet net = network(21, 1);
        SimNode a = net.node("5000");
        mineAndSpread(net, a, 14);
        List<Transaction> txs = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            Transaction tx = spend(net, a, h, net.node("5002"));
            assertThat(a.pool.accept(tx)).isInstanceOf(io.flint.mempool.AcceptOutcome.Accepted.class);
            a.engine.broadcastTransaction(tx);
            txs.add(tx);
        }
        assertThat(net.runUntil(() -> full(net).stream().allMatch(n -> txs.stream().allMatch(t -> n.pool.contains(t.txid()))),
                Duration.ofSeconds(90))).as("every full pool has all three transactions").isTrue();
        assertThat(net.node("5006").pool.size()).isZero();
        long asked = full(net).stream()
                .mapToLong(n -> n.engine.snapshot().counters().sent().getOrDefault("GET_MEMPOOL", 0L)).sum();
        assertThat(asked).as("pulled after an INV of txids").isPositive();
    }

    @Test
    void aMinedBlockTravelsAsInvThenGetblockThenBlock() {
        SimNet net = network(12, 2);
        SimNode a = net.node("5000");
        Block b = net.mine(a);
        assertThat(net.runUntil(() -> full(net).stream().allMatch(n -> n.chain.hasBlock(b.hash())),
                Duration.ofSeconds(10))).isTrue();
        for (SimNode n : full(net)) {
            if (n != a) {
                var c = n.engine.snapshot().counters();
                assertThat(c.received()).containsKey("BLOCK");
                assertThat(c.sent()).containsKey("GETBLOCK");
            }
        }
        // the light node follows the header chain: answered with BLOCK_HEADERS, never a BLOCK
        SimNode light = net.node("5006");
        assertThat(net.runUntil(() -> light.height() == 1, Duration.ofSeconds(15))).isTrue();
        assertThat(light.chain.bestHeader().hash()).isEqualTo(b.hash());
        assertThat(light.engine.snapshot().counters().received()).doesNotContainKey("BLOCK");
    }

    @Test
    void redundancyIsCountedPerType() {
        SimNet net = network(13, 4);
        SimNode a = net.node("5000");
        mineAndSpread(net, a, 3);
        var totals = full(net).stream().map(n -> n.engine.snapshot().counters()).toList();
        assertThat(totals.stream().mapToLong(c -> c.redundant().getOrDefault("INV", 0L)).sum()).isPositive();
        assertThat(totals).allSatisfy(c -> assertThat(c.redundantTotal())
                .isEqualTo(c.redundant().values().stream().mapToLong(Long::longValue).sum()));
    }

    @Test
    void withTheBaseNetworksLinkSimulationBlocksStillReachEveryone() {
        SimNet net = new SimNet(14);
        net.mesh(SimNet.ids(5000, 5), c -> c.withFanout(2).withLink(LinkSimulation.BASE_DEFAULTS));
        net.runFor(Duration.ofSeconds(3));
        SimNode a = net.node("5000");
        for (int i = 0; i < 5; i++) {
            net.mine(a);
            net.runFor(Duration.ofSeconds(2));
        }
        assertThat(net.runUntil(() -> net.running().stream().allMatch(n -> n.chain.height() == 5),
                Duration.ofSeconds(60))).isTrue();
        net.runFor(Duration.ofSeconds(30));
        var snapshot = a.engine.snapshot();
        assertThat(snapshot.capacity().simulated()).isTrue();
        assertThat(snapshot.capacity().current()).isBetween(20.0, 200.0);
        assertThat(snapshot.capacity().history().size()).isGreaterThan(5);
        long lost = net.running().stream()
                .mapToLong(n -> n.engine.snapshot().queue().dropped().getOrDefault("link_loss", 0L)).sum();
        assertThat(lost).isPositive();
    }
}
