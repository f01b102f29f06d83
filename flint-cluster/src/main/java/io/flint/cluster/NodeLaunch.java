package io.flint.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * What to start: one {@code flint node}. Each backend turns it into its own command line - a
 * child process with host paths, or a container with the config and data directory mounted.
 *
 * @param id the node id
 * @param host the P2P host it listens on and advertises
 * @param p2pPort its P2P port
 * @param apiHost the host its HTTP API binds
 * @param apiPort its HTTP API port
 * @param configFile the config.json it reads (its bootstrap peers and, normally, itself)
 * @param dataDir its data directory
 * @param logFile where a local process writes its output
 * @param role what {@code ls} shows
 * @param dynamic true when it joins as a new node
 * @param options every other {@code flint node} flag ({@code --dynamic}, {@code --network demo}, ...)
 */
public record NodeLaunch(String id, String host, int p2pPort, String apiHost, int apiPort, Path configFile,
        Path dataDir, Path logFile, String role, boolean dynamic, List<String> options) {
    public NodeLaunch {
        options = List.copyOf(options);
    }
}
