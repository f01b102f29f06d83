package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.chain.TestChainBuilder;
import io.flint.mempool.AcceptOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeds' eleven peers (5000-5010, fanout 1): 5000 malicious, 5001 and 5002 mining, 5008
 * light, 5009 and 5010 behind NAT in two local networks. Blocks from both miners (sometimes at
 * the same instant) and transactions flow for a minute of virtual time.
 */
class SeedNetworkTest {

    static List<NodeIdentity> seedIdentities() {
        List<NodeIdentity> ids = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            NodeIdentity id = SimNet.identity(String.valueOf(5000 + i));
            if (i == 0) {
                id = id.withMode(Mode.MALICIOUS);
            } else if (i == 8) {
                id = id.withLight(true);
            } else if (i == 9) {
                id = id.withNat(true, "lan-a");
            } else if (i == 10) {
                id = id.withNat(true, "lan-b");
            }
            ids.add(id);
        }
        return ids;
    }

    static SimNet seedNetwork(long seed) {
        SimNet net = new SimNet(seed);
        net.mesh(seedIdentities(), c -> c.withFanout(1));
        return net;
    }

    /** A minute of mining on both miners (every 4th round at the same instant) with payments in between. */
    static void run(SimNet net) {
        SimNode m1 = net.node("5001");
        SimNode m2 = net.node("5002");
        net.runFor(Duration.ofSeconds(3));
        TestChainBuilder signer = new TestChainBuilder(SimNet.PARAMS);
        for (int round = 0; round < 20; round++) {
            net.mine(round % 2 == 0 ? m1 : m2);
            if (round % 4 == 3) {
                net.mine(round % 2 == 0 ? m2 : m1);
            }
            if (m1.chain.height() > 11) {
                // m1 pays a peer from a mature coinbase of its own, if its best chain has one
                for (long h = 1; h < m1.chain.height() - 10; h++) {
                    var block = m1.chain.blockAt(h).orElseThrow();
                    var cb = m1.coinbaseOf(block);
                    if (block.transactions().get(0).output(0).scriptPubKey().equals(TestChainBuilder.p2pkh(m1.key))
                            && m1.chain.coin(cb.outPoint()).isPresent() && m1.pool.spenderOf(cb.outPoint()).isEmpty()) {
                        Transaction tx = signer.tx().spending(cb).paying(net.node("5004").key, Amount.ofCoins(10))
                                .paying(m1.key, Amount.ofUnits(cb.output().value() - Amount.ofCoins(10).units() - 10_000))
                                .sign();
                        if (m1.pool.accept(tx) instanceof AcceptOutcome.Accepted) {
                            m1.engine.broadcastTransaction(tx);
                        }
                        break;
                    }
                }
            }
            net.runFor(Duration.ofSeconds(3));
        }
    }

    @Test
    void elevenSeedPeersReachOneTipBanTheMaliciousOneAndAcceptNothingInvalid() {
        SimNet net = seedNetwork(61);
        run(net);
        // branches of equal work may stand side by side; the next block decides between them
        net.mine(net.node("5001"));
        List<SimNode> honestFull = net.running().stream()
                .filter(n -> !n.id.equals("5000") && !n.id.equals("5008")).toList();
        boolean converged = net.runUntil(() -> honestFull.stream().map(n -> n.chain.tip().hash()).distinct().count() == 1,
                Duration.ofSeconds(60));
        assertThat(converged).as("one tip on every honest full node: %s", honestFull.stream()
                .map(n -> n.id + "@" + n.chain.height() + " " + n.engine.syncProgress()).toList()).isTrue();
        SimNode m1 = net.node("5001");
        Hash tip = m1.chain.tip().hash();
        // 25 blocks were mined; competing ones at the same height leave fewer on the best chain
        assertThat(m1.chain.height()).isBetween(12L, 26L);

        // NATed peers got every block of the best chain, through relays where they could not be dialled
        for (String nat : List.of("5009", "5010")) {
            SimNode n = net.node(nat);
            for (long h = 1; h <= m1.chain.height(); h++) {
                assertThat(n.chain.blockAt(h).orElseThrow().hash()).isEqualTo(m1.chain.blockAt(h).orElseThrow().hash());
            }
        }
        assertThat(net.running().stream().mapToLong(n -> n.engine.snapshot().counters().received()
                .getOrDefault("RELAY", 0L)).sum()).isPositive();

        // the light peer's header chain is the same chain
        SimNode light = net.node("5008");
        assertThat(net.runUntil(() -> light.chain.bestHeader().hash().equals(tip), Duration.ofSeconds(30))).isTrue();
        assertThat(light.engine.snapshot().counters().received()).doesNotContainKeys("TX", "BLOCK");

        // the malicious peer is banned by every honest full peer and nothing it forged got in
        for (SimNode n : honestFull) {
            assertThat(n.engine.snapshot().blacklist()).as("blacklist of %s", n.id)
                    .anySatisfy(b -> assertThat(b.peerId()).isEqualTo("5000"));
            assertThat(n.chain.orphans()).isEmpty();
            for (long h = 1; h <= n.chain.height(); h++) {
                assertThat(n.chain.blockAt(h).orElseThrow().hash()).isEqualTo(m1.chain.blockAt(h).orElseThrow().hash());
            }
        }
        // payments flowed: the payee's pool or the chain saw them
        assertThat(honestFull.stream().mapToLong(n -> n.countEvents(P2pEvent.TxReceived.class)).sum()).isPositive();
    }
}
