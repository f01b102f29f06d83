package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which backend (and image) {@code add} starts a node on. No Docker is needed: these are the
 * decision and the records it reads, never a container.
 */
class NodeRuntimeTest {
    private static final NodeRuntime CONTAINER = new NodeRuntime("docker", Optional.of("local/flint:t19a"));

    @TempDir
    Path tmp;

    private static NodeEntry node(String id, String backend) {
        return new NodeEntry(id, backend, backend.equals("local") ? 4242 : 0,
                backend.equals("local") ? "" : "7aad8a72de8a", "127.0.0.200", 20_004, "127.0.0.200", 20_504,
                Path.of("/tmp/x/nodes").resolve(id).resolve("data"), "", "full", true, Instant.EPOCH);
    }

    @Test
    void aNodeAddedAgainKeepsItsOwnBackendAndImageInALocalCluster() {
        List<NodeEntry> localCluster = List.of(node("14000", "local"), node("14001", "local"));

        NodeRuntime back = NodeRuntime.forAdd(Optional.empty(), Optional.empty(), Optional.of(CONTAINER), localCluster);

        assertThat(back).isEqualTo(CONTAINER);
    }

    @Test
    void backendAndImageFlagsWinOverTheRecordedOnes() {
        List<NodeEntry> cluster = List.of(node("14000", "local"));
        assertThat(NodeRuntime.forAdd(Optional.of("local"), Optional.empty(), Optional.of(CONTAINER), cluster))
                .isEqualTo(new NodeRuntime("local", Optional.empty()));
        assertThat(NodeRuntime.forAdd(Optional.empty(), Optional.of("local/flint:new"), Optional.of(CONTAINER), cluster))
                .isEqualTo(new NodeRuntime("docker", Optional.of("local/flint:new")));
    }

    @Test
    void aNewNodeRunsAsTheClustersNodesElseLocally() {
        assertThat(NodeRuntime.forAdd(Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(node("5000", "docker"), node("5011", "local"))).backend()).isEqualTo("docker");
        assertThat(NodeRuntime.forAdd(Optional.empty(), Optional.empty(), Optional.empty(), List.of()))
                .isEqualTo(new NodeRuntime("local", Optional.empty()));
    }

    /** The records {@code add --id} reads: a killed node's registry entry, a removed node's options.json. */
    @Test
    void theRecordedRuntimeComesFromTheListedEntryElseFromOptionsJson() {
        ClusterDirectory dir = new ClusterDirectory(tmp.resolve("cluster"));
        ClusterManager manager = new ClusterManager(new ClusterRegistry(dir), name -> {
            throw new AssertionError("no backend is opened to read a record");
        }, new NodeApi(Duration.ofMillis(200)), line -> { });

        assertThat(manager.recordedRuntime("14004")).as("never started").isEmpty();

        new NodeOptions(Optional.empty(), Optional.of(CONTAINER)).write(dir.nodeOptions("14004"));
        assertThat(manager.recordedRuntime("14004")).as("removed: only its options.json").contains(CONTAINER);
        assertThat(NodeOptions.read(dir.nodeOptions("14004")).txInterval()).isEmpty();

        try (ClusterRegistry.Held lock = manager.registry().lock()) {
            manager.registry().put(node("14004", "docker").endedBy("killed by 'flint cluster kill' (SIGKILL)"));
            manager.registry().put(node("14005", "docker"));
        }
        assertThat(manager.recordedRuntime("14004")).as("killed, still listed").contains(CONTAINER);
        assertThat(manager.recordedRuntime("14005")).as("listed by a manager that recorded no options.json")
                .contains(new NodeRuntime("docker", Optional.empty()));
    }
}
