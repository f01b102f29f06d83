package io.flint.deploy;

import io.flint.api.ApiServer;
import io.flint.core.NetworkParams;
import io.flint.node.FlintNode;
import io.flint.node.NodeSettings;
import io.flint.p2p.transport.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A real regtest node serving the real HTTP API on loopback, to ask which routes exist. */
final class LiveNode implements AutoCloseable {
    private final FlintNode node;
    private final ApiServer api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LiveNode(Path dataDir) {
        NodeSettings.Builder b = new NodeSettings.Builder();
        b.id = "deploy-check";
        b.network = NetworkParams.REGTEST;
        b.dataDir = dataDir;
        b.inMemoryChain = true;
        b.advertised = new Endpoint("127.0.0.1", 0);
        b.apiPort = 0;
        b.scriptThreads = 1;
        node = new FlintNode(b.build()).start();
        api = new ApiServer(node, () -> { }).start();
    }

    /** GET path: the status code. */
    int status(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.url() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    @Override
    public void close() {
        api.stop();
        node.stop();
    }
}
