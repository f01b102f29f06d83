package io.flint.cluster;

import java.util.Optional;

/**
 * One line of {@code flint cluster ls}.
 *
 * @param running whether its process or container runs
 * @param status its {@code /status}, when it answered
 */
public record NodeRow(NodeEntry node, boolean running, Optional<NodeStatus> status) {
    /**
     * "up" (answers), "no answer" (runs, its API does not answer yet or at all), "dead" (its process
     * or container is gone; it stays listed until {@code remove} or {@code down}).
     */
    public String state() {
        if (!running) {
            return "dead";
        }
        return status.isPresent() ? "up" : "no answer";
    }

    /** Why a dead node is not running ("killed by 'flint cluster kill' (SIGKILL)"), empty while it runs. */
    public Optional<String> deathReason() {
        return running ? Optional.empty() : Optional.of(node.deathReason());
    }
}
