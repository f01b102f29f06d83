package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which node's page the demo and {@code cluster up} offer as the network view. */
class NodeEntryTest {
    private static NodeEntry node(String id, String role) {
        return new NodeEntry(id, "local", 1, "", "127.0.0.1", Integer.parseInt(id), "127.0.0.1", Integer.parseInt(id) + 2000,
                Path.of("data", id), "", role, false, Instant.EPOCH);
    }

    @Test
    void theNetworkViewIsServedByTheFirstHonestFullNodeOrMiner() {
        List<NodeEntry> demo = List.of(node("5000", "full+malicious"), node("5007", "light"), node("5009", "full+nat"),
                node("5001", "miner"), node("5002", "full"));
        assertThat(NodeEntry.networkViewUrl(demo)).hasValue("http://127.0.0.1:7001/network");
        assertThat(NodeEntry.networkViewUrl(List.of(node("5007", "light")))).hasValue("http://127.0.0.1:7007/network");
        assertThat(NodeEntry.networkViewUrl(List.of())).isEmpty();
    }

    @Test
    void aContainerThatExitedOnItsOwnNamesTheContainerWhoseLogsToRead() {
        NodeEntry container = new NodeEntry("21005", "docker", 0, "0123456789abcdef", "127.0.0.1", 21005, "127.0.0.1",
                23005, Path.of("data"), "", "full", true, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(container.deathReason()).isEqualTo("exited without flint cluster stopping it: a crash, or a signal from another program; see docker logs flint-21005");
        assertThat(new NodeRow(container, false, java.util.Optional.empty()).stateText())
                .isEqualTo("dead (exited without flint cluster stopping it: a crash, or a signal from another program; see docker logs flint-21005)");
    }
}
