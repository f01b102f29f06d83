package io.flint.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --node URL}: the node whose HTTP API a command talks to, for every command that talks to
 * one (the wallet's and the client), so the default and {@code FLINT_NODE} are the same everywhere.
 */
final class NodeUrl {
    @Option(names = "--node", defaultValue = "${env:FLINT_NODE:-http://127.0.0.1:7000}", paramLabel = "URL",
            description = "The node's HTTP API (default http://127.0.0.1:7000; env FLINT_NODE).")
    String url;

    /** A client without the admin token: reads, and what the API lets anyone post. */
    HttpNodeClient client() {
        return client(Optional.empty());
    }

    HttpNodeClient client(Optional<String> adminToken) {
        return new HttpNodeClient(url, adminToken);
    }
}
