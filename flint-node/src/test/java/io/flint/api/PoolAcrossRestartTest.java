package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.core.Hash;
import io.flint.p2p.LogLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payment the node accepted but no block took yet survives a clean restart of a node with no
 * peers (it used to vanish: the user had been told it was sent). Damaged saved lines are skipped,
 * and a saved payment that a block has taken since is checked again and not restored.
 */
class PoolAcrossRestartTest {

    @Test
    void unconfirmedPaymentsAreBackInThePoolAfterACleanRestart(@TempDir Path dir) throws Exception {
        String txid;
        long height;
        try (ApiNode n = onDisk(dir)) {
            n.mine(11); // the first reward matures
            JsonNode paid = n.post("/wallet/send", "{\"address\":\"" + n.node.payoutAddress() + "\",\"amount\":\"1\"}").json();
            txid = paid.path("txid").asText();
            assertThat(n.node.mempool().contains(Hash.fromDisplayHex(txid))).isTrue();
            height = n.node.chain().height();
        }
        Path saved = dir.resolve("mempool.txt");
        assertThat(Files.readAllLines(saved)).hasSize(1);
        // a damaged line is named in the log and skipped, the rest still comes back
        Files.writeString(saved, "not a transaction\n" + Files.readString(saved));

        try (ApiNode again = onDisk(dir)) {
            assertThat(again.node.chain().height()).isEqualTo(height);
            assertThat(again.node.mempool().contains(Hash.fromDisplayHex(txid))).isTrue();
            assertThat(again.get("/tx/" + txid).status()).isEqualTo(200);
            JsonNode block = again.mine(null);
            assertThat(block.path("tx_count").asInt()).isEqualTo(2);
        }
        assertThat(saved).as("an empty pool leaves no file").doesNotExist();
    }

    @Test
    void whatABlockTookSinceTheLastSaveIsNotRestored(@TempDir Path dir) throws Exception {
        String txid;
        String savedLines;
        try (ApiNode n = onDisk(dir)) {
            n.mine(11);
            txid = n.post("/wallet/send", "{\"address\":\"" + n.node.payoutAddress() + "\",\"amount\":\"1\"}")
                    .json().path("txid").asText();
        }
        Path saved = dir.resolve("mempool.txt");
        savedLines = Files.readString(saved);
        try (ApiNode again = onDisk(dir)) {
            assertThat(again.mine(null).path("tx_count").asInt()).isEqualTo(2); // the payment confirms
        }
        // as a kill -9 would leave it: the file of an earlier save, from before the block
        Files.writeString(saved, savedLines);
        try (LogLines log = new LogLines("io.flint.node.PoolFile"); ApiNode third = onDisk(dir)) {
            assertThat(third.node.mempool().contains(Hash.fromDisplayHex(txid))).isFalse();
            assertThat(log.containing("restored 0 of 1 unconfirmed transaction(s)")).hasSize(1);
        }
    }

    private static ApiNode onDisk(Path dir) {
        return new ApiNode("pool-restart", dir, ApiOptions.DEFAULTS, List.of(), 0, b -> b.inMemoryChain = false);
    }
}
