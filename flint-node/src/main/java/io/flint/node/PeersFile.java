package io.flint.node;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.p2p.PeerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code peers.json}: the peer table a node knew when it stopped, or at its last save while it
 * ran if it was killed (the seed's "dynamic configuration"), so a restarted node rejoins with
 * what it knew and falls back to the bootstrap peers. A damaged file is reported and ignored,
 * never fatal.
 */
final class PeersFile {
    private static final Logger log = LoggerFactory.getLogger(PeersFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path path;

    PeersFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    List<PeerRecord> read() {
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            return JSON.readValue(path.toFile(), new TypeReference<List<PeerRecord>>() {});
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring {}: {}", path, e.getMessage());
            return List.of();
        }
    }

    void write(List<PeerRecord> peers) {
        try {
            DataDirectory.writeOwnerOnly(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(peers));
        } catch (IOException e) {
            log.warn("could not write {}: {}", path, e.getMessage());
        }
    }
}
