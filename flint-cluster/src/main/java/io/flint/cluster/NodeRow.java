package io.flint.cluster;

import java.util.Optional;

/**
 * One line of {@code flint cluster ls}.
 *
 * @param running whether its process or container runs (false too when that is unknown)
 * @param status its {@code /status}, when it answered
 * @param unknownBecause why whether it runs is unknown ("Docker daemon unreachable"), empty when known
 */
public record NodeRow(NodeEntry node, boolean running, Optional<NodeStatus> status, Optional<String> unknownBecause) {
    /** A node whose backend answered. */
    public NodeRow(NodeEntry node, boolean running, Optional<NodeStatus> status) {
        this(node, running, status, Optional.empty());
    }

    /** A node whose backend could not be asked: neither up nor dead, and it stays listed. */
    public static NodeRow unknown(NodeEntry node, String because) {
        return new NodeRow(node, false, Optional.empty(), Optional.of(because));
    }

    /**
     * "up" (answers), "no answer" (runs, its API does not answer yet or at all), "dead" (its process
     * or container is gone; it stays listed until {@code remove} or {@code down}), "unknown" (its
     * backend cannot be asked).
     */
    public String state() {
        if (unknownBecause.isPresent()) {
            return "unknown";
        }
        if (!running) {
            return "dead";
        }
        return status.isPresent() ? "up" : "no answer";
    }

    /** Why a dead node is not running ("killed by 'flint cluster kill' (SIGKILL)"), empty while it runs. */
    public Optional<String> deathReason() {
        return running || unknownBecause.isPresent() ? Optional.empty() : Optional.of(node.deathReason());
    }

    /** The state with its reason, as {@code ls} prints it: "dead (exited without flint cluster stopping it: a crash, or a signal from another program; ...)", "unknown (Docker daemon unreachable)". */
    public String stateText() {
        return state() + unknownBecause.or(this::deathReason).map(why -> " (" + why + ")").orElse("");
    }
}
