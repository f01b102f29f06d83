package io.flint.cluster;

/**
 * A problem the user of the node manager can act on (a busy port, a missing image, an unknown
 * node id): its message is one sentence that names the thing and, where there is one, the fix.
 * {@link BackendUnreachableException} is the one kind the manager tells apart: what a backend it
 * cannot ask runs is unknown, not dead.
 */
public sealed class ClusterException extends RuntimeException permits BackendUnreachableException {
    public ClusterException(String message) {
        super(message, null, false, false);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
