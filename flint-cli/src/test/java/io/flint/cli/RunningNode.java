package io.flint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode;
import io.flint.api.ApiOptions;
import io.flint.api.ApiServer;
import io.flint.node.FlintNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
        apiNode = new ApiNode("cli-test", dataDir, ApiOptions.DEFAULTS, List.of(), 0, b -> b.inMemoryChain = inMemory);
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

    @Override
    public void close() {
        apiNode.close();
    }
}
