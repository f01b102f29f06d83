package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.crypto.Address;
import io.flint.node.FlintNode;
import io.flint.node.NodeNetwork;
import io.flint.node.NodeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's membership test plan with real nodes over TCP in this JVM: a single join, five
 * concurrent joins, a graceful leave that hands over transactions nobody else has, and a
 * restarted node that rejoins from its peers.json.
 */
class MembershipScenariosIT {
    private static final List<String> BOOTSTRAP = LoopbackNetworks.BOOTSTRAP;
    private NodeNetwork net;

    @BeforeEach
    void network(@TempDir Path dir) {
        net = LoopbackNetworks.network(dir, new SplittableRandom());
    }

    @AfterEach
    void close() {
        net.close();
    }

    /** The bootstrap set: each knows the others from its config, b0 has mined {@code blocks} blocks. */
    private void bootstrap(int blocks) {
        LoopbackNetworks.startBootstrap(net);
        net.awaitMeshed(Duration.ofSeconds(20));
        for (int i = 0; i < blocks; i++) {
            net.mine("b0");
        }
        net.awaitCommonTip(Duration.ofSeconds(20));
    }

    @Test
    void aSingleNodeJoinsIsKnownByAllAndSyncsChainAndPool() {
        bootstrap(12);
        Transaction pending = pay(net.node("b0"), net.node("b1").payoutAddress(), 1);
        net.node("b0").submitTransaction(pending);
        await().atMost(Duration.ofSeconds(10)).until(() -> BOOTSTRAP.stream()
                .allMatch(id -> net.pooled(net.node(id), pending.txid())));

        // like the seed's new node: its config names itself and only two bootstrap peers
        FlintNode joiner = net.start(NodeSpec.full("d1").knowing("b1", "b2").joining());

        net.awaitMeshed(Duration.ofSeconds(20));
        Hash tip = net.awaitCommonTip(Duration.ofSeconds(20));
        assertThat(net.tip(joiner)).isEqualTo(tip);
        assertThat(net.height(joiner)).isEqualTo(12);
        assertThat(net.alivePeers(joiner)).containsExactlyInAnyOrderElementsOf(BOOTSTRAP);
        await("GET_MEMPOOL filled the joiner's pool").atMost(Duration.ofSeconds(10))
                .until(() -> net.pooled(joiner, pending.txid()));
    }

    @Test
    void fiveNodesJoiningAtOnceAllEndUpKnowingEachOther() {
        bootstrap(3);
        List<CompletableFuture<FlintNode>> joins = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "d" + i;
            // each knows a single bootstrap peer: the others it must learn by NEW_PEER and PEERS_LIST
            String known = BOOTSTRAP.get(i % BOOTSTRAP.size());
            joins.add(CompletableFuture.supplyAsync(() -> net.start(NodeSpec.full(id).knowing(known).joining())));
        }
        joins.forEach(CompletableFuture::join);

        net.awaitMeshed(Duration.ofSeconds(45));
        net.awaitCommonTip(Duration.ofSeconds(20));
        assertThat(net.liveIds()).hasSize(9);
        for (FlintNode n : net.live()) {
            assertThat(net.height(n)).as(n.settings().id()).isEqualTo(3);
        }
    }

    @Test
    void aLeaverHandsOverTransactionsNoOneElseHasAndNoneIsLost() {
        bootstrap(0);
        FlintNode leaver = net.start(NodeSpec.full("d1").knowing(BOOTSTRAP).joining());
        net.awaitMeshed(Duration.ofSeconds(20));
        // 125 coinbases to the leaver, 115 of them mature (regtest maturity 10); its wallet spends
        // confirmed coins only, so each private payment below takes one of them
        for (int i = 0; i < 125; i++) {
            net.mine("d1");
        }
        net.awaitCommonTip(Duration.ofSeconds(30));
        // more than one GOODBYE holds (100), so MEMPOOL_TRANSFER batches carry the rest
        Address payee = net.node("b3").payoutAddress();
        Set<Hash> privateTxids = new HashSet<>();
        for (int i = 0; i < 115 && privateTxids.size() < 110; i++) {
            Transaction tx = pay(leaver, payee, 1 + i % 7);
            if (net.admitPrivately(leaver, tx)) {
                privateTxids.add(tx.txid());
            }
        }
        assertThat(privateTxids).as("transactions admitted to the leaver's pool alone").hasSizeGreaterThan(100);
        // a full node announces its newest pooled txids every sync interval, so a few may have
        // leaked to a peer already; most are still the leaver's alone when it goes
        Set<Hash> elsewhere = new HashSet<>();
        for (String id : BOOTSTRAP) {
            elsewhere.addAll(net.pool(net.node(id)));
        }
        Set<Hash> onlyLeaver = new HashSet<>(privateTxids);
        onlyLeaver.removeAll(elsewhere);
        assertThat(onlyLeaver).as("transactions no one else has when the leaver goes").isNotEmpty();

        net.stop("d1");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<Hash> held = new HashSet<>();
            for (FlintNode n : net.live()) {
                held.addAll(net.pool(n));
                held.addAll(net.confirmedTxids(n));
            }
            assertThat(held).as("every handed-over transaction is in another pool or a block")
                    .containsAll(privateTxids);
        });
        for (String id : BOOTSTRAP) {
            assertThat(net.peerStatus(net.node(id))).as(id + " removed the leaver at once").doesNotContainKey("d1");
        }
        // and a miner confirms them: nothing lost on the way to a block. The batches beyond
        // GOODBYE's 100 went to 3 random peers, perhaps not the miner: it learns them from their
        // announcements first
        FlintNode miner = net.node("b0");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(net.pool(miner)).as("the miner's pool").containsAll(privateTxids));
        net.mine("b0");
        net.mine("b0");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(net.confirmedTxids(net.node("b2"))).containsAll(privateTxids));
    }

    @Test
    void aRestartedNodeRejoinsFromItsPeersFile() {
        bootstrap(2);
        net.start(NodeSpec.full("d1").knowing("b0").joining());
        net.awaitMeshed(Duration.ofSeconds(20));
        net.stop("d1");
        await().atMost(Duration.ofSeconds(10)).until(() -> BOOTSTRAP.stream()
                .noneMatch(id -> net.peerStatus(net.node(id)).containsKey("d1")));

        // restarted with a config that names no reachable peer: only peers.json can bring it back
        FlintNode again = net.restart(NodeSpec.full("d1").knowing().joining());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(net.alivePeers(again)).containsAll(BOOTSTRAP);
            for (String id : BOOTSTRAP) {
                assertThat(net.alivePeers(net.node(id))).as(id + " accepts it again").contains("d1");
            }
        });
        net.mine("b1");
        net.awaitCommonTip(Duration.ofSeconds(20));
        assertThat(net.height(again)).isEqualTo(3);
    }

    /** A payment from the node's wallet, signed, not yet admitted anywhere. */
    private Transaction pay(FlintNode from, Address to, long centiCoins) {
        return net.payment(from, to, Amount.ofUnits(centiCoins * 1_000_000L));
    }
}
