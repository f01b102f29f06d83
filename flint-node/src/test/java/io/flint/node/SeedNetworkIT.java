package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.core.TxOut;
import io.flint.core.script.StandardScripts;
import io.flint.node.config.ClusterConfig;
import io.flint.p2p.snapshot.NetworkSnapshot;
import io.flint.p2p.snapshot.PeerSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eleven peers of config.local.json as real nodes over loopback TCP: 5000 malicious, 5001 and
 * 5004 miners, 5007 and 5008 light, 5009 and 5010 NATed in one local network, the seeds'
 * fanouts. One network serves every test of the class (each test brings the chain to one tip
 * first, so none depends on another's leftovers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SeedNetworkIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final List<String> MINERS = List.of("5001", "5004");

    private NodeNetwork net;

    @BeforeAll
    void startTheSeedNetwork(@TempDir Path dir) {
        ClusterConfig config = ClusterConfig.load(ROOT.resolve("config.local.json"));
        net = new NodeNetwork(dir);
        net.startAll(NodeNetwork.specsOf(config));
        net.awaitMeshed(Duration.ofSeconds(20));
        assertThat(net.nodes(NodeSpec::miner)).extracting(n -> n.settings().id()).containsExactlyInAnyOrderElementsOf(MINERS);
    }

    @AfterAll
    void stopIt() {
        if (net != null) {
            net.close();
        }
    }

    /** Mines one block on 5001 once every honest full node is at the same height; returns it once it is everyone's tip. */
    private Block converge() {
        Eventually.within(CONVERGE, net, "honest full nodes at one height", () -> net.honestFullNodes().stream()
                .map(n -> n.chain().height()).distinct().count() == 1);
        Block block = net.mine("5001");
        Eventually.within(CONVERGE, net, "every honest full node at " + block.hash(),
                () -> net.allAtTip(net.honestFullNodes(), block.hash()));
        return block;
    }

    @Test
    void twoMinersRacingLeadEveryFullNodeToOneTip() {
        converge();
        // first in turns, each building on the other's last block
        for (int i = 0; i < 3; i++) {
            for (String miner : MINERS) {
                Block b = net.mine(miner);
                String other = miner.equals("5001") ? "5004" : "5001";
                Eventually.within(CONVERGE, net, other + " has " + b.hash(), () -> net.tip(net.node(other)).equals(b.hash()));
            }
        }
        // then racing without waiting for each other: blocks land on stale tips, so forks form
        // and are resolved while the blocks spread
        for (int i = 0; i < 4; i++) {
            net.mine("5001");
            net.mine("5004");
        }
        Eventually.within(CONVERGE, net, "5001 at the greatest height", () -> {
            long max = net.honestFullNodes().stream().mapToLong(n -> n.chain().height()).max().orElseThrow();
            return net.node("5001").chain().height() == max;
        });
        Block last = net.mine("5001");
        Eventually.within(CONVERGE, net, "every honest full node at the last block " + last.hash(),
                () -> net.allAtTip(net.honestFullNodes(), last.hash()));

        List<Hash> chain = net.bestChain(net.node("5001"));
        for (FlintNode n : net.honestFullNodes()) {
            assertThat(net.bestChain(n)).as("best chain of %s", n.settings().id()).isEqualTo(chain);
        }
        // only blocks the two miners mined, paying both of them
        assertThat(chain.subList(1, chain.size())).allMatch(net.minedBlocks()::contains);
        Set<String> payees = new HashSet<>();
        for (Hash h : chain.subList(1, chain.size())) {
            Block b = net.node("5002").chain().block(h).orElseThrow();
            for (String miner : MINERS) {
                if (paysTo(b.transactions().get(0), net.node(miner))) {
                    payees.add(miner);
                }
            }
        }
        assertThat(payees).containsExactlyInAnyOrderElementsOf(MINERS);
    }

    private static boolean paysTo(Transaction tx, FlintNode node) {
        return tx.outputs().stream().map(TxOut::scriptPubKey)
                .anyMatch(s -> s.equals(StandardScripts.p2pkh(node.payoutAddress().hash160())));
    }

    @Test
    void twoTipsMinedAtOnceConvergeOnTheNextBlock() throws Exception {
        converge();
        FlintNode a = net.node("5001");
        FlintNode b = net.node("5004");
        // hold both miners' loops: each mines on the same parent, and each connects its own block
        // before it can hear of the other's
        CountDownLatch held = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (FlintNode n : List.of(a, b)) {
            n.loop().execute(() -> {
                held.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        Block blockA;
        Block blockB;
        try {
            CompletableFuture<Block> minedA = net.mineAsync("5001");
            CompletableFuture<Block> minedB = net.mineAsync("5004");
            blockA = minedA.get(30, TimeUnit.SECONDS);
            blockB = minedB.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        assertThat(blockA.header().prevHash()).isEqualTo(blockB.header().prevHash());
        Eventually.within(CONVERGE, net, "each miner on its own block", () -> net.tip(a).equals(blockA.hash())
                && net.tip(b).equals(blockB.hash()));
        // equal work: each keeps the tip it saw first until the next block decides
        Block decider = net.mine("5004");
        assertThat(decider.header().prevHash()).isEqualTo(blockB.hash());
        Eventually.within(CONVERGE, net, "every honest full node on the decider",
                () -> net.allAtTip(net.honestFullNodes(), decider.hash()));
        for (FlintNode n : net.honestFullNodes()) {
            List<Hash> chain = net.bestChain(n);
            assertThat(chain).as("chain of %s", n.settings().id()).contains(blockB.hash()).doesNotContain(blockA.hash());
        }
        // light peers that followed the losing header switch too
        Eventually.within(CONVERGE, net, "light peers on the decider", () -> net.allAtTip(net.lightNodes(), decider.hash()));
        for (FlintNode light : net.lightNodes()) {
            assertThat(net.bestChain(light)).as("header chain of light %s", light.settings().id())
                    .isEqualTo(net.bestChain(b));
        }
    }

    @Test
    void natedPeersGetEveryBlockAndRefuseStrangers() throws Exception {
        Block tip = converge();
        List<Hash> chain = net.bestChain(net.node("5002"));
        for (String id : List.of("5009", "5010")) {
            assertThat(net.bestChain(net.node(id))).as("chain of NATed %s", id).isEqualTo(chain).endsWith(tip.hash());
        }
        // public peers reach the NATed ones over the connections those opened; the two NATed
        // peers share a local network, so they reach each other directly
        for (FlintNode n : net.honestFullNodes()) {
            for (PeerSnapshot p : net.snapshot(n).peers()) {
                if (p.nat()) {
                    assertThat(p.status()).as("%s seen by %s", p.id(), n.settings().id()).isEqualTo("ALIVE");
                }
            }
        }
        // a stranger dialling a NATed peer is refused: nothing of what it says is processed
        FlintNode nated = net.node("5009");
        try (RawSocketPeer stranger = RawSocketPeer.connect(nated.advertisedEndpoint())) {
            stranger.send(stranger.hello("6100", net.params(), ""));
            assertThat(stranger.closedByPeer(Duration.ofSeconds(10))).isTrue();
        }
        NetworkSnapshot s = net.snapshot(nated);
        assertThat(s.counters().dropped()).containsKey("nat_refused");
        assertThat(s.peers()).extracting(PeerSnapshot::id).doesNotContain("6100");
    }

    @Test
    void lightPeersFollowTheFullNodesHeaderChainWithoutBlocks() {
        Block tip = converge();
        List<Hash> chain = net.bestChain(net.node("5002"));
        for (FlintNode light : net.lightNodes()) {
            String id = light.settings().id();
            Eventually.within(CONVERGE, net, "light " + id + " at the header tip", () -> net.tip(light).equals(tip.hash()));
            assertThat(net.bestChain(light)).as("header chain of light %s", id).isEqualTo(chain);
            assertThat(net.onLoop(light, () -> light.chain().hasBlock(tip.hash()))).as("%s keeps no blocks", id).isFalse();
            assertThat(light.chain().height()).isZero();
        }
    }

    @Test
    void theMaliciousPeerIsBannedByItsNeighboursAndNothingInvalidIsAccepted() {
        List<FlintNode> honest = net.honestFullNodes();
        Eventually.within(Duration.ofSeconds(45), net, "every honest full node bans 5000",
                () -> honest.stream().allMatch(n -> net.banned(n).contains("5000")));
        for (FlintNode n : honest) {
            NetworkSnapshot s = net.snapshot(n);
            long forged = s.counters().offences().getOrDefault("invalid_block", 0L)
                    + s.counters().offences().getOrDefault("invalid_tx", 0L);
            assertThat(forged).as("forged blocks and transactions %s rejected", n.settings().id()).isPositive();
            assertThat(s.peers()).extracting(PeerSnapshot::id).as("peers of %s", n.settings().id()).doesNotContain("5000");
        }
        converge();
        Set<Hash> mined = net.minedBlocks();
        Set<Hash> paid = net.submittedTransactions();
        for (FlintNode n : honest) {
            List<Hash> chain = net.bestChain(n);
            assertThat(chain.subList(1, chain.size())).as("blocks on %s", n.settings().id()).allMatch(mined::contains);
            for (Hash h : chain.subList(1, chain.size())) {
                List<Transaction> txs = n.chain().block(h).orElseThrow().transactions();
                assertThat(txs.subList(1, txs.size())).extracting(Transaction::txid).allMatch(paid::contains);
            }
            assertThat(net.pool(n)).as("pool of %s", n.settings().id()).allMatch(paid::contains);
        }
    }

    @Test
    void paymentsSpreadGetMinedAndPayTheirRecipients() {
        // once 5000 is banned no honest node hands it a payment to drop
        Eventually.within(Duration.ofSeconds(45), net, "every honest full node bans 5000",
                () -> net.honestFullNodes().stream().allMatch(n -> net.banned(n).contains("5000")));
        converge();
        int maturity = net.params().coinbaseMaturity();
        for (int i = 0; i < maturity; i++) {
            net.mine("5001");
        }
        converge();
        List<Transaction> payments = new ArrayList<>();
        for (String to : List.of("5002", "5009", "5006")) {
            payments.add(net.pay("5001", net.node(to).payoutAddress(), Amount.ofCoins(1)));
        }
        List<Hash> txids = payments.stream().map(Transaction::txid).toList();
        // each payment goes out to the payer's fanout and on from there; push gossip reaches a
        // random share of the pools (PaymentsIT shows every pool reached when the fanout covers
        // the full peers), but never a light peer
        Eventually.within(CONVERGE, net, "the payments in a pool besides the payer's", () -> txids.stream()
                .allMatch(t -> net.honestFullNodes().stream().filter(n -> net.pool(n).contains(t)).count() >= 2));
        for (FlintNode light : net.lightNodes()) {
            assertThat(net.pool(light)).as("pool of light %s", light.settings().id()).isEmpty();
        }
        Block block = net.mine("5001");
        assertThat(block.transactions()).extracting(Transaction::txid).containsAll(txids);
        Eventually.within(CONVERGE, net, "every honest full node at the block with the payments",
                () -> net.allAtTip(net.honestFullNodes(), block.hash()));
        for (FlintNode n : net.honestFullNodes()) {
            assertThat(net.pool(n)).as("pool of %s", n.settings().id()).doesNotContainAnyElementsOf(txids);
        }
        for (String to : List.of("5002", "5009", "5006")) {
            FlintNode payee = net.node(to);
            assertThat(net.onLoop(payee, () -> payee.coins().of(List.of(payee.payoutAddress()))))
                    .as("coins of %s", to).anyMatch(u -> txids.contains(u.outPoint().txid())
                            && u.value().equals(Amount.ofCoins(1)));
        }
    }
}
