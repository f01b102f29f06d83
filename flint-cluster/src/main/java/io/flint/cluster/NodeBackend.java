package io.flint.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * How nodes run: as local child processes or as Docker containers. The manager decides ids,
 * ports and configs; a backend only starts, signals and watches what it is given.
 */
public sealed interface NodeBackend permits LocalProcessBackend, DockerBackend {
    /** "local" or "docker", as in {@code --backend}. */
    String name();

    /**
     * Checks, before anything starts, what would make every start fail (no Docker daemon, no
     * image), and fails with the reason.
     *
     * @throws ClusterException naming the problem and the fix
     */
    void preflight();

    /** Starts a node and returns its registry entry (pid or container id filled in). */
    NodeEntry start(NodeLaunch launch);

    /** The image its containers run, recorded with each node so {@code add --id} keeps it; empty for processes. */
    default Optional<String> image() {
        return Optional.empty();
    }

    /** True when nodes listen on this machine's own ports, so the manager can check them before starting. */
    boolean sharesHostPorts();

    /** Whether the node's process or container is still running. */
    boolean isRunning(NodeEntry node);

    /**
     * Asks the node to leave gracefully without waiting for it.
     *
     * @return how it was asked, as reports name it ("SIGTERM", "docker stop")
     */
    String terminate(NodeEntry node);

    /** Stops the node at once, with no goodbye (SIGKILL; docker kill). */
    void kill(NodeEntry node);

    /** Frees what is left once the node has exited (a container is removed). */
    void release(NodeEntry node);

    /** The last lines the node printed, for error messages. */
    String tail(NodeEntry node, int lines);

    /**
     * How a node that is no longer running ended ("exit code 137, killed by SIGKILL"), when this
     * backend saw it end (it started the process); empty when it cannot tell.
     */
    default Optional<String> exitStatus(NodeEntry node) {
        return Optional.empty();
    }

    /** Waits until the node has exited or {@code timeout} passed; true if it exited. */
    default boolean awaitExit(NodeEntry node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(node)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(node);
            }
        }
        return true;
    }
}
