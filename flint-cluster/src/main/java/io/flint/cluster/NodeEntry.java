package io.flint.cluster;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node the manager started, as the registry keeps it.
 *
 * @param id the node id ("5011")
 * @param backend "local" or "docker"
 * @param pid the process id (local backend), 0 when not a local process
 * @param container the container id (docker backend), "" otherwise
 * @param host where its P2P port listens
 * @param p2pPort its P2P port
 * @param apiHost where its HTTP API listens
 * @param apiPort its HTTP API port
 * @param dataDir its data directory on this machine (chain, api.token, peers.json)
 * @param logFile its log file on this machine ("" for a container: see docker logs)
 * @param role miner, full, light, with +malicious / +nat where they apply
 * @param dynamic true for a node added with {@code add} (joins with HELLO new_node)
 * @param startedAt when it was started
 * @param ended how the manager ended it while keeping it listed ({@code kill}: "killed by 'flint
 *     cluster kill' (SIGKILL)"), "" for a node it did not end
 */
public record NodeEntry(String id, String backend, long pid, String container, String host, int p2pPort,
        String apiHost, int apiPort, Path dataDir, String logFile, String role, boolean dynamic, Instant startedAt,
        String ended) {

    public NodeEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(backend, "backend");
        container = container == null ? "" : container;
        logFile = logFile == null ? "" : logFile;
        dataDir = dataDir.toAbsolutePath().normalize();
        ended = ended == null ? "" : ended;
    }

    /** A node just started: nothing ended it. */
    public NodeEntry(String id, String backend, long pid, String container, String host, int p2pPort,
            String apiHost, int apiPort, Path dataDir, String logFile, String role, boolean dynamic, Instant startedAt) {
        this(id, backend, pid, container, host, p2pPort, apiHost, apiPort, dataDir, logFile, role, dynamic, startedAt, "");
    }

    /** This entry once the manager ended the node in a way {@code ls} should tell (it stays listed, dead). */
    public NodeEntry endedBy(String how) {
        return new NodeEntry(id, backend, pid, container, host, p2pPort, apiHost, apiPort, dataDir, logFile, role,
                dynamic, startedAt, how);
    }

    /** Why the node is not running, as far as the manager knows. */
    public String deathReason() {
        if (!ended.isEmpty()) {
            return ended;
        }
        // the container stays until remove or down, so its output is there under its name
        return "exited without flint cluster stopping it: a crash, or a signal from another program" + (logFile.isEmpty() ? "; see docker logs " + DockerBackend.containerName(id)
                : "; see " + logFile);
    }

    /** What identifies the running node to its backend: "pid 1234" or "container 0123456789ab". */
    public String handle() {
        if (!container.isEmpty()) {
            return "container " + container.substring(0, Math.min(12, container.length()));
        }
        return "pid " + pid;
    }

    public String dashboardUrl() {
        return "http://" + apiHost + ":" + apiPort + "/";
    }

    /**
     * The network view (every node at once: topology, heights and tips, joins and leaves, block
     * propagation), served by every node's API at {@code /network}; it finds the others through
     * the peer tables. Served here by the first honest full node or miner, whose peer table is
     * the widest (a NATed node reaches fewer, a malicious one is banned by the others).
     */
    public static Optional<String> networkViewUrl(List<NodeEntry> nodes) {
        return nodes.stream()
                .filter(n -> !n.role().contains("malicious") && !n.role().contains("nat") && !n.role().contains("light"))
                .findFirst()
                .or(() -> nodes.stream().findFirst())
                .map(n -> "http://" + n.apiHost() + ":" + n.apiPort() + "/network");
    }
}
