package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tx-interval} over real TCP: a miner's node wallet pays random peers with real signed
 * transactions once its block rewards mature; every payment reaches every full node's pool (the
 * fanout, 3, covers each node's full peers, so push gossip floods), never a light node's, and is
 * mined by another miner.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PaymentsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void periodicPaymentsReachEveryFullPoolNoLightOneAndGetMined(@TempDir Path dir) {
        try (NodeNetwork net = new NodeNetwork(dir)) {
            net.startAll(List.of(NodeSpec.full("9001").asMiner().withFanout(3).payingEvery(Duration.ofSeconds(1)),
                    NodeSpec.full("9002").withFanout(3), NodeSpec.full("9003").asMiner().withFanout(3),
                    NodeSpec.full("9004").withFanout(3), NodeSpec.full("9005").asLight()));
            net.awaitMeshed(WAIT);
            List<Hash> paid = new CopyOnWriteArrayList<>();
            FlintNode payer = net.node("9001");
            payer.events().subscribe(e -> {
                if (e.kind().equals("tx") && e.data() instanceof Map<?, ?> data && "9001".equals(data.get("from"))) {
                    paid.add(Hash.fromDisplayHex((String) data.get("txid")));
                }
            });
            // nothing to pay with until block rewards mature; the wallet spends confirmed coins only,
            // so each mature reward pays one payment until its change is mined
            for (int i = 0; i < net.params().coinbaseMaturity() + 3; i++) {
                net.mine("9001");
            }
            Eventually.within(WAIT, net, "three payments made by 9001", () -> paid.size() >= 3);
            List<Hash> first = List.copyOf(paid.subList(0, 3));
            List<FlintNode> full = net.honestFullNodes();
            Eventually.within(WAIT, net, "the payments in every full pool",
                    () -> full.stream().allMatch(n -> net.pool(n).containsAll(first)));
            assertThat(net.pool(net.node("9005"))).as("the light node's pool").isEmpty();

            Block block = net.mine("9003");
            assertThat(block.transactions()).extracting(Transaction::txid).containsAll(first);
            Eventually.within(WAIT, net, "every node at the block with the payments",
                    () -> net.allAtTip(net.nodes(), block.hash()));
            for (FlintNode n : full) {
                assertThat(net.pool(n)).as("pool of %s", n.settings().id()).doesNotContainAnyElementsOf(first);
            }
        }
    }
}
