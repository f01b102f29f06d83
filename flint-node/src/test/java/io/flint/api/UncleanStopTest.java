package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.flint.node.FlintNode;
import io.flint.p2p.LogLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kill -9 leaves: the peer table and the pool as the running node last saved them (they
 * were written at a clean stop only, so peers learned at runtime and payments were lost), and a marker that makes the next start
 * say the run before did not stop cleanly (it said nothing).
 */
class UncleanStopTest {
    @TempDir
    Path dir;

    @Test
    void theRunningNodeSavesItsPeersAndTheStartAfterAKillSaysTheRunBeforeDidNotStopCleanly() throws Exception {
        Path data = dir.resolve("unclean");
        Path marker = data.resolve("running");
        String leftBehind;
        try (LogLines log = new LogLines(FlintNode.class);
                ApiNode other = new ApiNode("other", dir.resolve("other"), ApiOptions.DEFAULTS)) {
            try (ApiNode node = onDisk(data)) {
                // learned at runtime (POST /peers), not configured
                node.node.addPeer(other.node.advertisedEndpoint());
                await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(data.resolve("peers.json"))
                        && Files.readString(data.resolve("peers.json")).contains("\"other\""));
                // a payment no block has taken yet is saved while the node runs, not only at a clean stop
                node.mine(11);
                String txid = node.post("/wallet/send", "{\"address\":\"" + node.node.payoutAddress()
                        + "\",\"amount\":\"1\"}").json().path("txid").asText();
                String raw = node.node.mempool().entries().get(0).tx().toHex();
                assertThat(node.node.mempool().entries().get(0).txid().toString()).isEqualTo(txid);
                await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(data.resolve("mempool.txt"))
                        && Files.readString(data.resolve("mempool.txt")).strip().equals(raw));
                leftBehind = Files.readString(marker).strip();
                assertThat(leftBehind).startsWith("node unclean, pid " + ProcessHandle.current().pid() + ", started ");
            }
            assertThat(marker).as("removed at a clean stop").doesNotExist();
            try (ApiNode cleanlyStopped = onDisk(data)) {
                assertThat(log.containing("did not stop cleanly")).isEmpty();
            }

            Files.writeString(marker, leftBehind + "\n"); // as if the stop had never come
            try (ApiNode killed = onDisk(data)) {
                assertThat(log.at(Level.INFO, "did not stop cleanly")).singleElement().asString()
                        .startsWith("the previous run (" + leftBehind + ") did not stop cleanly (killed, crashed or the "
                                + "machine went down): chain checked at height 11, the peer table as saved at ")
                        .contains(", the pool as saved at ");
                assertThat(killed.node.network().peerIds()).contains("other");
                assertThat(killed.node.mempool().size()).isEqualTo(1);
            }
        }
    }

    private static ApiNode onDisk(Path data) {
        return new ApiNode("unclean", data, ApiOptions.DEFAULTS, List.of(), 0, b -> {
            b.inMemoryChain = false;
            b.saveInterval = Duration.ofMillis(200);
        });
    }
}
