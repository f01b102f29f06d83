package io.flint.cluster;

/**
 * The backend of a node cannot be asked at all (the Docker daemon does not answer): whether its
 * nodes run is unknown. The manager still handles the nodes of other backends, keeps these
 * listed, and reports them with {@link #brief()}.
 */
public final class BackendUnreachableException extends ClusterException {
    private final String brief;

    /**
     * @param brief what is unreachable, for a status column ("Docker daemon unreachable")
     * @param message the one sentence naming it, why, and the fix
     */
    public BackendUnreachableException(String brief, String message) {
        super(message);
        this.brief = brief;
    }

    /** A few words for a status column: "Docker daemon unreachable". */
    public String brief() {
        return brief;
    }
}
