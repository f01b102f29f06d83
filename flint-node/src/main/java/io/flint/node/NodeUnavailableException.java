package io.flint.node;

/**
 * The node's event loop could not take or answer a task: the node is shutting down, or too busy
 * to answer in time. A caller such as the HTTP API reports it as "try again" rather than as a
 * failure of its own; it stays an {@link IllegalStateException} for callers that do not care.
 */
public final class NodeUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NodeUnavailableException(String message) {
        super(message);
    }
}
