package io.flint.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code running} in the data directory: written once the node holds its chain store, removed at
 * a clean stop. A start that finds it knows the run before ended without one (kill -9, a crash,
 * the machine going down), which nothing else on disk tells reliably ({@code api.url} is left by
 * a clean stop too). Only a node with its chain on disk has one: the store's lock keeps a second
 * process from writing it while the first runs.
 */
final class RunMarker {
    private static final Logger log = LoggerFactory.getLogger(RunMarker.class);

    private final Path path;
    private boolean written;

    RunMarker(Path path) {
        this.path = path;
    }

    /** What the run before left if it did not stop cleanly ("node 5000, pid 1234, started ..."). */
    Optional<String> leftOver() {
        try {
            return Files.exists(path) ? Optional.of(Files.readString(path, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }

    void write(String nodeId, Instant startedAt) {
        try {
            DataDirectory.writeOwnerOnly(path, "node " + nodeId + ", pid " + ProcessHandle.current().pid()
                    + ", started " + startedAt.truncatedTo(ChronoUnit.SECONDS) + "\n");
            written = true;
        } catch (IOException e) {
            log.warn("could not write {}: {} (the next start cannot tell whether this run stopped cleanly)", path,
                    e.getMessage());
        }
    }

    /** At a clean stop (or a failed start): only the marker this run wrote. */
    void remove() {
        if (!written) {
            return;
        }
        try {
            Files.deleteIfExists(path);
            written = false;
        } catch (IOException e) {
            log.warn("could not remove {}: {} (the next start will take this stop for an unclean one)", path,
                    e.getMessage());
        }
    }
}
