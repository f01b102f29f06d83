package io.flint.cluster;

import io.flint.node.config.IoReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an {@code add} may leave behind, so a failed one can take it back: the node's directory
 * when it made it (else the config and options files it rewrote, as they were), and the cluster
 * settings a first {@code add} recorded. Without this a failed add left {@code nodes/<id>/},
 * and the next add skipped that id forever.
 */
final class AddTraces {
    private final ClusterRegistry registry;
    private final boolean settingsAreNew;
    private final boolean registryExisted;
    private final boolean bootstrapExisted;
    private Optional<String> id = Optional.empty();
    private boolean nodeDirExisted;
    private List<Saved> saved = List.of();

    /** A file as it was before the add: its bytes, or empty when it did not exist. */
    private record Saved(Path file, Optional<byte[]> content) {}

    /** Call before the add writes anything, with the lock held. */
    AddTraces(ClusterRegistry registry, boolean settingsAreNew) {
        this.registry = registry;
        this.settingsAreNew = settingsAreNew;
        this.registryExisted = Files.exists(registry.directory().registry());
        this.bootstrapExisted = Files.exists(registry.directory().bootstrapConfig());
    }

    /** The add's node id is known: remembers its directory as it is now. */
    void node(String nodeId) {
        ClusterDirectory dir = registry.directory();
        id = Optional.of(nodeId);
        nodeDirExisted = Files.exists(dir.nodeDir(nodeId));
        saved = Stream.of(dir.nodeConfig(nodeId), dir.nodeOptions(nodeId)).map(AddTraces::save).toList();
    }

    private static Saved save(Path file) {
        try {
            return new Saved(file, Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty());
        } catch (IOException e) {
            throw new ClusterException("cannot read " + file + ": " + IoReason.of(e));
        }
    }

    /**
     * Takes back what the add wrote; call once the node it started (if any) has stopped.
     *
     * @return what could not be taken back, to attach to the add's own failure
     */
    Optional<Exception> undo() {
        try {
            ClusterDirectory dir = registry.directory();
            if (id.isPresent() && !nodeDirExisted) {
                deleteTree(dir.nodeDir(id.get()));
            } else {
                for (Saved s : saved) {
                    if (s.content().isPresent()) {
                        Files.write(s.file(), s.content().get());
                    } else {
                        Files.deleteIfExists(s.file());
                    }
                }
            }
            if (settingsAreNew) {
                if (!bootstrapExisted) {
                    Files.deleteIfExists(dir.bootstrapConfig());
                }
                if (!registryExisted && registry.nodes().isEmpty()) {
                    Files.deleteIfExists(dir.registry());
                } else {
                    registry.forgetSettings();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e);
        }
    }

    /** Deletes {@code root} and everything under it; nothing if it is not there. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
