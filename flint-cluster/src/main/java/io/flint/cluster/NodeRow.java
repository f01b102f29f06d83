package io.flint.cluster;

import java.util.Optional;

/**
 * One line of {@code flint cluster ls}.
 *
 * @param running whether its process or container runs
 * @param status its {@code /status}, when it answered
 */
public record NodeRow(NodeEntry node, boolean running, Optional<NodeStatus> status) {
    /** "up" (answers), "starting" (runs, its API does not answer yet or at all), "down" (exited). */
    public String state() {
        if (!running) {
            return "down";
        }
        return status.isPresent() ? "up" : "no answer";
    }
}
