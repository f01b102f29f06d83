package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode.Response;
import io.flint.api.EventsApiTest.EventStream;
import io.flint.api.EventsApiTest.Sse;
import io.flint.chain.BlockOutcome;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.crypto.PrivateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The losing side of a double spend, seen from outside: a reorganisation onto a branch that
 * confirms a rival spend drops the pooled transaction and the abandoned block's transaction that
 * lost, and each shows as a {@code tx-removed} event naming its rival and in
 * {@code flint_transactions_removed_total{reason="conflict"}}. A late spend of a coin a block
 * already spent is refused by POST /tx as such, not as missing inputs.
 */
class PoolRemovalApiTest {
    private static final PrivateKey ALICE = TestChainBuilder.key(2);
    private static final PrivateKey MALLORY = TestChainBuilder.key(9);
    private static final Amount FEE = Amount.ofUnits(1_000);

    @TempDir
    Path dir;

    private static BlockOutcome submit(ApiNode n, Block b) {
        return n.node.loop().call(() -> n.node.chain().submitBlock(b), Duration.ofSeconds(10));
    }

    private static Transaction pay(TestChainBuilder builder, Spendable coin, PrivateKey to, Amount fee) {
        return builder.tx().spending(coin).paying(to, Amount.ofUnits(coin.output().value() - fee.units())).sign();
    }

    /**
     * A block confirming a rival of a pooled transaction: its {@code block} event comes before
     * the {@code tx-removed} it caused (the other way round, a watcher saw an effect before its cause).
     */
    @Test
    void theBlockEventComesBeforeTheRemovalsItCauses() throws Exception {
        try (ApiNode n = new ApiNode(dir)) {
            TestChainBuilder builder = new TestChainBuilder(NetworkParams.REGTEST);
            Block tip = n.node.chain().blockAt(0).orElseThrow();
            builder.register(tip);
            Spendable reward = null;
            for (int i = 0; i < 1 + NetworkParams.REGTEST.coinbaseMaturity(); i++) {
                tip = builder.nextBlock(tip).mine();
                assertThat(submit(n, tip)).isInstanceOf(BlockOutcome.Connected.class);
                if (i == 0) {
                    reward = builder.coinbaseOf(tip);
                }
            }
            Transaction pooled = pay(builder, reward, ALICE, FEE);
            assertThat(n.post("/tx", "{\"hex\":\"" + pooled.toHex() + "\"}").status()).isEqualTo(200);
            try (EventStream events = new EventStream(n)) {
                Transaction rival = pay(builder, reward, MALLORY, Amount.ofUnits(5_000));
                Block confirming = builder.nextBlock(tip).add(rival).mine();
                assertThat(submit(n, confirming)).isInstanceOf(BlockOutcome.Connected.class);

                Sse first = events.nextOf("block", "tx-removed");
                assertThat(first.event()).isEqualTo("block");
                assertThat(first.data().path("hash").asText()).isEqualTo(confirming.hash().toString());
                Sse removed = events.next("tx-removed");
                assertThat(removed.data().path("txid").asText()).isEqualTo(pooled.txid().toString());
                assertThat(removed.data().path("conflicting_txid").asText()).isEqualTo(rival.txid().toString());
            }
        }
    }

    @Test
    void aReorganisationOntoARivalSpendReportsEachLoserAsAnEventAndInTheCounter() throws Exception {
        try (ApiNode n = new ApiNode(dir); EventStream events = new EventStream(n)) {
            TestChainBuilder builder = new TestChainBuilder(NetworkParams.REGTEST);
            Block tip = n.node.chain().blockAt(0).orElseThrow();
            builder.register(tip);
            List<Spendable> rewards = new ArrayList<>();
            for (int i = 0; i < 2 + NetworkParams.REGTEST.coinbaseMaturity(); i++) {
                tip = builder.nextBlock(tip).mine();
                assertThat(submit(n, tip)).isInstanceOf(BlockOutcome.Connected.class);
                if (i < 2) {
                    rewards.add(builder.coinbaseOf(tip));
                }
            }
            Block fork = tip;
            // node 1's side: one spend mined, another pooled
            Transaction mined = pay(builder, rewards.get(0), ALICE, FEE);
            Block old = builder.nextBlock(fork).add(mined).mine();
            assertThat(submit(n, old)).isInstanceOf(BlockOutcome.Connected.class);
            Transaction pooled = pay(builder, rewards.get(1), ALICE, FEE);
            Response accepted = n.post("/tx", "{\"hex\":\"" + pooled.toHex() + "\"}");
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);

            // node 2's side, with more work: the rival spends of the same coins
            Transaction rivalOfMined = pay(builder, rewards.get(0), MALLORY, Amount.ofUnits(5_000));
            Transaction rivalOfPooled = pay(builder, rewards.get(1), MALLORY, Amount.ofUnits(5_000));
            Block new1 = builder.nextBlock(fork).add(rivalOfPooled).mine();
            Block new2 = builder.nextBlock(new1).add(rivalOfMined).mine();
            submit(n, new1);
            assertThat(submit(n, new2)).isInstanceOf(BlockOutcome.Reorganized.class);

            Map<String, String> rivals = Map.of(mined.txid().toString(), rivalOfMined.txid().toString(),
                    pooled.txid().toString(), rivalOfPooled.txid().toString());
            Sse reorg = null;
            for (int removals = 0; removals < 2 || reorg == null;) {
                Sse removed = events.nextOf("tx-removed", "reorg");
                if (removed.event().equals("reorg")) {
                    reorg = removed;
                    continue;
                }
                removals++;
                String txid = removed.data().path("txid").asText();
                assertThat(rivals).containsKey(txid);
                assertThat(removed.data().path("reason").asText()).isEqualTo("conflict");
                assertThat(removed.data().path("conflicting_txid").asText()).isEqualTo(rivals.get(txid));
                assertThat(removed.data().path("detail").asText()).contains(rivals.get(txid));
                // the one that was in the abandoned block says so: it was never a payment waiting in the pool
                if (txid.equals(mined.txid().toString())) {
                    assertThat(removed.data().path("detail").asText()).startsWith("was in block "
                            + (fork.height() + 1) + " (" + old.hash() + "), which the reorganisation took off, and spends ");
                } else {
                    assertThat(removed.data().path("detail").asText()).startsWith("spends ");
                }
            }
            assertThat(n.get("/tx/" + pooled.txid()).status()).isEqualTo(404);
            Map<String, MetricFamily> m = MetricsApiTest.scrape(n);
            assertThat(MetricsApiTest.value(m, "flint_transactions_removed_total", "reason", "conflict")).isEqualTo(2);
            assertThat(MetricsApiTest.value(m, "flint_transactions_removed_total", "reason", "expired")).isZero();
            // one summary of the reorganisation, in events and metrics
            assertThat(reorg.data().path("fork_height").asLong()).isEqualTo(fork.height());
            assertThat(reorg.data().path("disconnected").asInt()).isEqualTo(1);
            assertThat(reorg.data().path("connected").asInt()).isEqualTo(2);
            assertThat(reorg.data().path("old_tip").asText()).isEqualTo(old.hash().toString());
            assertThat(reorg.data().path("tip").asText()).isEqualTo(new2.hash().toString());
            assertThat(MetricsApiTest.value(m, "flint_reorgs_total")).isEqualTo(1);
            assertThat(MetricsApiTest.value(m, "flint_reorg_deepest_blocks")).as("kept, unlike the histogram's _max")
                    .isEqualTo(1);
            org.hawkular.agent.prometheus.types.Histogram depth =
                    (org.hawkular.agent.prometheus.types.Histogram) m.get("flint_reorg_depth_blocks").getMetrics().get(0);
            assertThat(depth.getSampleCount()).isEqualTo(1);
            assertThat(depth.getSampleSum()).isEqualTo(1);
            JsonNode status = n.get("/status").json();
            assertThat(status.path("reorgs").asLong()).isEqualTo(1);
            assertThat(status.path("last_reorg").path("fork_height").asLong()).isEqualTo(fork.height());
            assertThat(status.path("last_reorg").path("disconnected").asInt()).isEqualTo(1);
            assertThat(status.path("last_reorg").path("connected").asInt()).isEqualTo(2);
            assertThat(status.path("last_reorg").path("at").asLong()).isPositive();

            // the loser offered again: its coin is spent in the chain, which the answer says
            Response late = n.post("/tx", "{\"hex\":\"" + pooled.toHex() + "\"}");
            assertThat(late.status()).isEqualTo(400);
            assertThat(late.error()).isEqualTo("rejected");
            assertThat(late.reason()).startsWith("bad-txns-inputs-spent: ")
                    .contains(rewards.get(1).outPoint().toString());
            m = MetricsApiTest.scrape(n);
            assertThat(MetricsApiTest.value(m, "flint_transactions_rejected_total", "reason", "bad-txns-inputs-spent"))
                    .isEqualTo(1);
            assertThat(MetricsApiTest.value(m, "flint_transactions_orphaned_total")).isZero();

            // a spend of an output nobody has seen is still missing inputs
            Transaction unknownParent = pay(builder, TestChainBuilder.output(rivalOfPooled, 0, MALLORY), ALICE, FEE);
            Transaction child = pay(builder, TestChainBuilder.output(unknownParent, 0, ALICE), ALICE, FEE);
            Response missing = n.post("/tx", "{\"hex\":\"" + child.toHex() + "\"}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.error()).isEqualTo("missing_inputs");
            assertThat(missing.reason()).contains(unknownParent.txid() + ":0");
        }
    }
}
