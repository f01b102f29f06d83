package io.flint.cluster;

import static io.flint.cluster.TcpTestNetwork.admitPrivately;
import static io.flint.cluster.TcpTestNetwork.alivePeers;
import static io.flint.cluster.TcpTestNetwork.confirmedTxids;
import static io.flint.cluster.TcpTestNetwork.height;
import static io.flint.cluster.TcpTestNetwork.onLoop;
import static io.flint.cluster.TcpTestNetwork.peerStatus;
import static io.flint.cluster.TcpTestNetwork.poolTxids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.crypto.Address;
import io.flint.node.FlintNode;
import io.flint.wallet.FeeRate;
import io.flint.wallet.SignedPayment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's membership test plan with real nodes over TCP in this JVM: a single join, five
 * concurrent joins, a graceful leave that hands over transactions nobody else has, and a
 * restarted node that rejoins from its peers.json.
 */
class MembershipScenariosIT {
    private static final List<String> BOOTSTRAP = List.of("b0", "b1", "b2", "b3");
    private final TcpTestNetwork net = new TcpTestNetwork(new SplittableRandom());

    @AfterEach
    void close() {
        net.close();
    }

    /** The bootstrap set: each knows the others from its config, b0 has mined {@code blocks} blocks. */
    private void bootstrap(int blocks) {
        for (String id : BOOTSTRAP) {
            net.start(id, BOOTSTRAP, false);
        }
        net.awaitFullMesh(Duration.ofSeconds(20));
        for (int i = 0; i < blocks; i++) {
            net.mine("b0");
        }
        net.awaitSameTip(Duration.ofSeconds(20));
    }

    @Test
    void aSingleNodeJoinsIsKnownByAllAndSyncsChainAndPool() {
        bootstrap(12);
        Transaction pending = pay(net.node("b0"), net.node("b1").payoutAddress(), 1);
        net.node("b0").submitTransaction(pending);
        await().atMost(Duration.ofSeconds(10)).until(() -> BOOTSTRAP.stream()
                .allMatch(id -> TcpTestNetwork.pooled(net.node(id), pending.txid())));

        // like the seed's new node: its config names itself and only two bootstrap peers
        FlintNode joiner = net.start("d1", List.of("b1", "b2"), true);

        net.awaitFullMesh(Duration.ofSeconds(20));
        Hash tip = net.awaitSameTip(Duration.ofSeconds(20));
        assertThat(TcpTestNetwork.tip(joiner)).isEqualTo(tip);
        assertThat(height(joiner)).isEqualTo(12);
        assertThat(alivePeers(joiner)).containsExactlyInAnyOrderElementsOf(BOOTSTRAP);
        await("GET_MEMPOOL filled the joiner's pool").atMost(Duration.ofSeconds(10))
                .until(() -> TcpTestNetwork.pooled(joiner, pending.txid()));
    }

    @Test
    void fiveNodesJoiningAtOnceAllEndUpKnowingEachOther() {
        bootstrap(3);
        List<CompletableFuture<FlintNode>> joins = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "d" + i;
            // each knows a single bootstrap peer: the others it must learn by NEW_PEER and PEERS_LIST
            String known = BOOTSTRAP.get(i % BOOTSTRAP.size());
            joins.add(CompletableFuture.supplyAsync(() -> net.start(id, List.of(known), true)));
        }
        joins.forEach(CompletableFuture::join);

        net.awaitFullMesh(Duration.ofSeconds(45));
        net.awaitSameTip(Duration.ofSeconds(20));
        assertThat(net.liveIds()).hasSize(9);
        for (FlintNode n : net.live()) {
            assertThat(height(n)).as(n.settings().id()).isEqualTo(3);
        }
    }

    @Test
    void aLeaverHandsOverTransactionsNoOneElseHasAndNoneIsLost() {
        bootstrap(0);
        FlintNode leaver = net.start("d1", BOOTSTRAP, true);
        net.awaitFullMesh(Duration.ofSeconds(20));
        // 125 coinbases to the leaver, 115 of them mature (regtest maturity 10); its wallet spends
        // confirmed coins only, so each private payment below takes one of them
        for (int i = 0; i < 125; i++) {
            net.mine("d1");
        }
        net.awaitSameTip(Duration.ofSeconds(30));
        // more than one GOODBYE holds (100), so MEMPOOL_TRANSFER batches carry the rest
        Address payee = net.node("b3").payoutAddress();
        Set<Hash> privateTxids = new HashSet<>();
        for (int i = 0; i < 115 && privateTxids.size() < 110; i++) {
            Transaction tx = pay(leaver, payee, 1 + i % 7);
            if (admitPrivately(leaver, tx)) {
                privateTxids.add(tx.txid());
            }
        }
        assertThat(privateTxids).as("transactions admitted to the leaver's pool alone").hasSizeGreaterThan(100);
        // a full node announces its newest pooled txids every sync interval, so a few may have
        // leaked to a peer already; most are still the leaver's alone when it goes
        Set<Hash> elsewhere = new HashSet<>();
        for (String id : BOOTSTRAP) {
            elsewhere.addAll(poolTxids(net.node(id)));
        }
        Set<Hash> onlyLeaver = new HashSet<>(privateTxids);
        onlyLeaver.removeAll(elsewhere);
        assertThat(onlyLeaver).as("transactions no one else has when the leaver goes").isNotEmpty();

        net.stop("d1");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<Hash> held = new HashSet<>();
            for (FlintNode n : net.live()) {
                held.addAll(poolTxids(n));
                held.addAll(confirmedTxids(n));
            }
            assertThat(held).as("every handed-over transaction is in another pool or a block")
                    .containsAll(privateTxids);
        });
        for (String id : BOOTSTRAP) {
            assertThat(peerStatus(net.node(id))).as(id + " removed the leaver at once").doesNotContainKey("d1");
        }
        // and a miner confirms them: nothing lost on the way to a block
        net.mine("b0");
        net.mine("b0");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(confirmedTxids(net.node("b2"))).containsAll(privateTxids));
    }

    @Test
    void aRestartedNodeRejoinsFromItsPeersFile() {
        bootstrap(2);
        net.start("d1", List.of("b0"), true);
        net.awaitFullMesh(Duration.ofSeconds(20));
        net.stop("d1");
        await().atMost(Duration.ofSeconds(10)).until(() -> BOOTSTRAP.stream()
                .noneMatch(id -> peerStatus(net.node(id)).containsKey("d1")));

        // restarted with a config that names no reachable peer: only peers.json can bring it back
        FlintNode again = net.start("d1", List.of(), true);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(alivePeers(again)).containsAll(BOOTSTRAP);
            for (String id : BOOTSTRAP) {
                assertThat(alivePeers(net.node(id))).as(id + " accepts it again").contains("d1");
            }
        });
        net.mine("b1");
        net.awaitSameTip(Duration.ofSeconds(20));
        assertThat(height(again)).isEqualTo(3);
    }

    /** A payment from the node's wallet, signed, not yet admitted anywhere. */
    static Transaction pay(FlintNode from, Address to, long centiCoins) {
        return onLoop(from, () -> {
            SignedPayment p = from.wallet().pay(to, Amount.ofUnits(centiCoins * 1_000_000L), FeeRate.DEFAULT,
                    from.coins().of(from.wallet().addresses()), from.chain().height(), from.settings().network());
            return p.transaction();
        });
    }
}
