package io.flint.cli;

import com.sun.net.httpserver.HttpServer;
import io.flint.cluster.ClusterDirectory;
import io.flint.cluster.ClusterRegistry;
import io.flint.cluster.NodeEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code flint cluster ls} takes for a running local node without starting one: a process
 * whose command line names the node as the local backend checks it, and an HTTP server that
 * answers {@code /status}. On 127.0.0.200, ports 20000-20999, apart from real test nodes.
 */
final class StandInNode {
    static final String HOST = "127.0.0.200";

    private StandInNode() {}

    /** A server answering {@code GET /status} with {@code statusJson}, on the first free port of the range. */
    static HttpServer statusServer(String statusJson) throws IOException {
        for (int port = 20_000 + (int) (ProcessHandle.current().pid() % 500); port < 21_000; port++) {
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 0);
            } catch (BindException taken) {
                continue;
            }
            server.createContext("/status", exchange -> {
                byte[] body = statusJson.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        }
        throw new IOException("no free port on " + HOST + " in 20000-20999");
    }

    /** A sleeping process whose command line reads "... node --id ID ...", as a node's does. */
    static Process process(String id) throws IOException {
        // '; true' keeps the shell from exec'ing sleep, so its own command line (with the id) stays
        return new ProcessBuilder("sh", "-c", "sleep 120; true", "node", "--id", id, "stand-in").start();
    }

    /** Stops the stand-in process and its sleep, which would otherwise outlive the shell by two minutes. */
    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    /** Lists the stand-in in the cluster's registry as a running local node. */
    static void register(Path clusterDir, String id, Process process, int apiPort) {
        ClusterRegistry registry = new ClusterRegistry(new ClusterDirectory(clusterDir));
        try (ClusterRegistry.Held lock = registry.lock()) {
            registry.put(new NodeEntry(id, "local", process.pid(), "", HOST, apiPort - 1, HOST, apiPort,
                    clusterDir.resolve("nodes").resolve(id).resolve("data"), "", "full+malicious", false,
                    Instant.now()));
        }
    }
}
