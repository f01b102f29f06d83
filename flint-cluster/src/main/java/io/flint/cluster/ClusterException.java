package io.flint.cluster;

/**
 * A problem the user of the node manager can act on (a busy port, a missing image, an unknown
 * node id): its message is one sentence that names the thing and, where there is one, the fix.
 */
public final class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message, null, false, false);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
