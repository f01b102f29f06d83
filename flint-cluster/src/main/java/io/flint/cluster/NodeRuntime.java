package io.flint.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What a node runs on: its backend ("local" or "docker") and, for a container, its image.
 *
 * @param image the container's image; empty for a local process (or when not recorded)
 */
public record NodeRuntime(String backend, Optional<String> image) {
    /** How a backend runs its nodes, as recorded for each node it starts. */
    public static NodeRuntime of(NodeBackend backend) {
        return new NodeRuntime(backend.name(), backend.image());
    }

    /**
     * How the node an {@code add} starts runs. A node added again under its own id keeps what it
     * ran on, so a killed container comes back as a container (it came back as a local process,
     * and a crash-and-restart exercise quietly moved to the host); otherwise it runs as the
     * cluster's nodes do, else as a local process. {@code --backend} and {@code --image} win.
     *
     * @param recorded what the node of the id the user named last ran on; empty for a new node
     * @param listed the cluster's nodes, in start order
     */
    public static NodeRuntime forAdd(Optional<String> backendFlag, Optional<String> imageFlag,
            Optional<NodeRuntime> recorded, List<NodeEntry> listed) {
        String backend = backendFlag
                .or(() -> recorded.map(NodeRuntime::backend))
                // a docker cluster grows with containers unless told otherwise
                .orElseGet(() -> listed.stream().map(NodeEntry::backend).findFirst().orElse("local"));
        Optional<String> image = imageFlag.or(() -> recorded.filter(r -> r.backend().equals(backend))
                .flatMap(NodeRuntime::image));
        return new NodeRuntime(backend, image);
    }
}
