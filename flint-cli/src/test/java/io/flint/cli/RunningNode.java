package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode;
import io.flint.api.ApiOptions;
import io.flint.api.ApiServer;
import io.flint.chain.HeadersOutcome;
import io.flint.core.BlockHeader;
import io.flint.node.FlintNode;
import io.flint.node.NodeSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real regtest node with its HTTP API on loopback ephemeral ports (flint-node's {@link ApiNode}),
 * and the CLI's own HTTP client holding its admin token, for commands to talk to.
 */
final class RunningNode implements AutoCloseable {
    final FlintNode node;
    final ApiServer api;
    final HttpNodeClient admin;
    private final ApiNode apiNode;

    RunningNode(Path dataDir, boolean inMemory) {
        this(dataDir, b -> b.inMemoryChain = inMemory);
    }

    /** @param settings changes to the (in-memory, regtest) node's settings, e.g. malicious mode */
    RunningNode(Path dataDir, Consumer<NodeSettings.Builder> settings) {
        apiNode = new ApiNode("cli-test", dataDir, ApiOptions.DEFAULTS, List.of(), 0, settings);
        node = apiNode.node;
        api = apiNode.api;
        admin = new HttpNodeClient(api.url(), Optional.of(node.adminToken()));
    }

    String url() {
        return api.url();
    }

    /** Mines one block paying {@code address} (null: the node's own). */
    JsonNode mine(String address) {
        return apiNode.mine(address);
    }

    void mine(int blocks) {
        apiNode.mine(blocks);
    }

    /**
     * Leaves this node behind {@code ahead}, as a node is that heard of a longer chain it cannot
     * download (every peer that has it banned the node): it gets {@code ahead}'s headers, not
     * their blocks, and waits until its {@code GET /status} says it is not synced.
     */
    void fallBehind(RunningNode ahead) throws InterruptedException {
        List<BlockHeader> headers = ahead.node.chain().headers(1, (int) ahead.node.chain().height());
        assertThat(node.chain().submitHeaders(headers)).isInstanceOf(HeadersOutcome.Accepted.class);
        for (int i = 0; i < 200 && admin.get("/status").path("synced").asBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(admin.get("/status").path("synced").asBoolean()).as("node behind a longer header chain").isFalse();
    }

    @Override
    public void close() {
        apiNode.close();
    }
}
