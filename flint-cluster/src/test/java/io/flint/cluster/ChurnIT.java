package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.core.Hash;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Churn: a 30-node network (10 bootstrap peers, one of them light, and 20 dynamic nodes) takes 20
 * more joins and 20 graceful leaves over a minute while a miner mines and every full node pays
 * random peers. Afterwards every live full node has the same tip, and every transaction a
 * leaver held when it left is in a live node's pool or in the chain.
 */
class ChurnIT {
    private static final int BOOTSTRAP = 10;
    private static final int INITIAL_DYNAMIC = 20;
    private static final int CHURN = 20;
    private static final Duration CHURN_PERIOD = Duration.ofSeconds(60);

    private final SplittableRandom random = new SplittableRandom();
    private final ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor();
    private NodeNetwork net;

    @BeforeEach
    void network(@TempDir Path dir) {
        net = LoopbackNetworks.network(dir, random);
    }

    @AfterEach
    void close() {
        miner.shutdownNow();
        net.close();
    }

    @Test
    void thirtyNodesWithTwentyJoinsAndTwentyLeavesAgreeAndLoseNoHandedOverTransaction() throws Exception {
        List<String> bootstrap = IntStream.range(0, BOOTSTRAP).mapToObj(i -> "b" + i).toList();
        for (String id : bootstrap) {
            NodeSpec spec = NodeSpec.full(id).knowing(bootstrap);
            net.start(id.equals("b9") ? spec.asLight() : spec.payingEvery(Duration.ofMillis(1500)));
        }
        net.awaitMeshed(Duration.ofSeconds(30));
        for (int i = 0; i < 15; i++) {
            net.mine("b0");     // mature coins for the miner's payments
        }
        List<CompletableFuture<FlintNode>> first = new ArrayList<>();
        for (int i = 1; i <= INITIAL_DYNAMIC; i++) {
            first.add(join("d" + i, bootstrap));
        }
        first.forEach(CompletableFuture::join);
        net.awaitMeshed(Duration.ofSeconds(60));
        assertThat(net.liveIds()).hasSize(BOOTSTRAP + INITIAL_DYNAMIC);
        miner.scheduleWithFixedDelay(() -> net.mine("b0"), 0, 2, TimeUnit.SECONDS);

        // the minute of churn: a join and a graceful leave every 3 s
        Set<Hash> handedOver = new HashSet<>();
        List<String> leavers = new ArrayList<>();
        long period = CHURN_PERIOD.toMillis() / CHURN;
        for (int round = 0; round < CHURN; round++) {
            long roundStart = System.nanoTime();
            CompletableFuture<FlintNode> joined = join("j" + round, bootstrap);
            String leaver = pickLeaver();
            FlintNode l = net.node(leaver);
            handedOver.addAll(net.pool(l));
            net.stop(leaver);
            leavers.add(leaver);
            joined.join();
            long spent = (System.nanoTime() - roundStart) / 1_000_000;
            Thread.sleep(Math.max(0, period - spent));
        }
        miner.shutdownNow();
        miner.awaitTermination(30, TimeUnit.SECONDS);
        net.mine("b0");

        assertThat(net.liveIds()).hasSize(BOOTSTRAP + INITIAL_DYNAMIC);
        Hash tip = net.awaitCommonTip(Duration.ofSeconds(60));
        System.out.printf("[churn] %d leavers (%s) handed over %d transactions; common tip %s at height %d%n",
                leavers.size(), String.join(",", leavers), handedOver.size(), tip,
                net.height(net.node("b0")));
        assertThat(handedOver).as("the leavers held transactions to hand over").isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<Hash> held = new HashSet<>(net.confirmedTxids(net.node("b0")));
            for (FlintNode n : net.live()) {
                if (!n.settings().light()) {
                    held.addAll(net.pool(n));
                }
            }
            Set<Hash> lost = new HashSet<>(handedOver);
            lost.removeAll(held);
            assertThat(lost).as("handed-over transactions in no live pool and not in the chain").isEmpty();
        });
        for (FlintNode n : net.live()) {
            // a leaver may linger as UNREACHABLE where it is a configured bootstrap peer (kept for its
            // return) or was learned second-hand from such a list (forgotten after the expiry), never ALIVE
            net.peerStatus(n).forEach((peer, status) -> assertThat(leavers.contains(peer)
                    && status.equals("ALIVE")).as(n.settings().id() + " sees leaver " + peer + " ALIVE").isFalse());
        }
    }

    /** A dynamic node whose config names two stable bootstrap peers and one random one (which may have left). */
    private CompletableFuture<FlintNode> join(String id, List<String> bootstrap) {
        List<String> known = List.of("b1", "b2", bootstrap.get(3 + random.nextInt(bootstrap.size() - 3)));
        return CompletableFuture.supplyAsync(() -> net.start(NodeSpec.full(id).knowing(known).joining()));
    }

    /** Any live full node but the miner and the two bootstrap peers every joiner knows. */
    private String pickLeaver() {
        List<String> candidates = net.liveIds().stream()
                .filter(id -> !List.of("b0", "b1", "b2", "b9").contains(id))
                .toList();
        return candidates.get(random.nextInt(candidates.size()));
    }
}
