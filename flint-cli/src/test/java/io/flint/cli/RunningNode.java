package io.flint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiServer;
import io.flint.core.NetworkParams;
import io.flint.node.FlintNode;
import io.flint.node.NodeSettings;
import io.flint.p2p.transport.Endpoint;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A real regtest node with its HTTP API on loopback ephemeral ports, for commands to talk to. */
final class RunningNode implements AutoCloseable {
    final FlintNode node;
    final ApiServer api;
    final HttpNodeClient admin;

    RunningNode(Path dataDir, boolean inMemory) {
        NodeSettings.Builder b = new NodeSettings.Builder();
        b.id = "cli-test";
        b.network = NetworkParams.REGTEST;
        b.dataDir = dataDir;
        b.inMemoryChain = inMemory;
        b.advertised = new Endpoint("127.0.0.1", 0);
        b.apiPort = 0;
        b.scriptThreads = 2;
        node = new FlintNode(b.build()).start();
        api = new ApiServer(node, () -> { }).start();
        admin = new HttpNodeClient(api.url(), Optional.of(node.adminToken()));
    }

    String url() {
        return api.url();
    }

    /** Mines one block paying {@code address} (null: the node's own). */
    JsonNode mine(String address) {
        return admin.post("/mine", address == null ? null : Map.of("address", address));
    }

    void mine(int blocks) {
        for (int i = 0; i < blocks; i++) {
            mine(null);
        }
    }

    @Override
    public void close() {
        api.stop();
        node.stop();
    }
}
