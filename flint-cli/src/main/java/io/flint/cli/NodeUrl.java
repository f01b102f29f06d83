package io.flint.cli;

import io.flint.node.DataDirectory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --node URL}: the node whose HTTP API a command talks to, for every command that talks to
 * one (the wallet's and the client), so the default and {@code FLINT_NODE} are the same everywhere.
 */
final class NodeUrl {
    static final String DEFAULT = "http://127.0.0.1:7000";

    @Option(names = "--node", paramLabel = "URL",
            description = "The node's HTTP API (default: env FLINT_NODE, else " + DEFAULT + ").")
    String url;

    /** A client without the admin token: reads, and what the API lets anyone post. */
    HttpNodeClient client() {
        return client(Optional.empty(), null, System.getenv());
    }

    /**
     * A client of {@code --node}, else {@code FLINT_NODE}, else the node whose data directory is
     * {@code dataDir} (the URL it wrote to its {@code api.url}: a token read from that directory
     * must not go to whatever else listens on the default port), else the default.
     */
    HttpNodeClient client(Optional<String> adminToken, Path dataDir, Map<String, String> env) {
        return new HttpNodeClient(resolve(dataDir, env), adminToken);
    }

    String resolve(Path dataDir, Map<String, String> env) {
        Path apiUrl = dataDir == null ? null : new DataDirectory(dataDir).apiUrl();
        Optional<String> found = NodeSetting.resolve(url, env, "FLINT_NODE", apiUrl);
        if (found.isEmpty() && apiUrl != null) {
            // the default port may be another node (a cluster's 5000): it must not get this
            // directory's admin token, nor answer for the node that is not running
            throw new UserError("no " + apiUrl + ": the node of " + dataDir + " is not running, or its HTTP API has "
                    + "not started yet (the node writes it then, and removes it when it stops); give --node URL to "
                    + "name a node");
        }
        return found.orElse(DEFAULT);
    }
}
