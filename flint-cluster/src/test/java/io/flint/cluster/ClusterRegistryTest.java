package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterRegistryTest {
    @TempDir
    Path tmp;

    static NodeEntry entry(ClusterDirectory dir, String id, long pid, Instant at) {
        return new NodeEntry(id, "local", pid, "", "127.0.0.1", Integer.parseInt(id), "127.0.0.1",
                Integer.parseInt(id) + 2000, dir.dataDir(id), dir.logFile(id).toString(), "full", true, at);
    }

    @Test
    void entriesAndSettingsSurviveAnotherShellReadingThem() {
        ClusterDirectory dir = new ClusterDirectory(tmp);
        ClusterRegistry registry = new ClusterRegistry(dir);
        assertThat(registry.nodes()).isEmpty();
        assertThat(registry.settings()).isEmpty();
        try (ClusterRegistry.Held lock = registry.lock()) {
            registry.saveSettings(new ClusterSettings("regtest", dir.bootstrapConfig(), java.util.Optional.of(2.5),
                    java.util.List.of("--link-sim", "--link-delay", "500ms")));
            registry.put(entry(dir, "5001", 11, Instant.parse("2026-01-01T00:00:01Z")));
            registry.put(entry(dir, "5000", 10, Instant.parse("2026-01-01T00:00:00Z")));
        }

        ClusterRegistry other = new ClusterRegistry(new ClusterDirectory(tmp));
        assertThat(other.nodes()).extracting(NodeEntry::id).containsExactly("5000", "5001");
        assertThat(other.node("5001")).hasValue(entry(dir, "5001", 11, Instant.parse("2026-01-01T00:00:01Z")));
        // up's --tx-interval and --link-sim are kept for nodes added later
        assertThat(other.settings()).hasValue(new ClusterSettings("regtest", dir.bootstrapConfig(),
                java.util.Optional.of(2.5), java.util.List.of("--link-sim", "--link-delay", "500ms")));

        try (ClusterRegistry.Held lock = other.lock()) {
            other.remove("5000");
            other.put(entry(dir, "5001", 99, Instant.parse("2026-01-01T00:00:01Z")));
        }
        assertThat(registry.nodes()).singleElement().extracting(NodeEntry::pid).isEqualTo(99L);
        assertThat(registry.settings()).isPresent();
    }

    @Test
    void aDamagedRegistryIsNamedNotACrash() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(tmp);
        Files.writeString(dir.registry(), "{\"nodes\": [{\"id\": \"5000\"}]}");
        assertThatThrownBy(() -> new ClusterRegistry(dir).nodes()).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster.json").hasMessageContaining("node 5000").hasMessageContaining("backend");
        Files.writeString(dir.registry(), "not json");
        assertThatThrownBy(() -> new ClusterRegistry(dir).nodes()).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void theDirectoryComesFromDirThenFlintHomeThenTheWorkingDirectory() {
        Path cwd = tmp.resolve("work");
        assertThat(ClusterDirectory.resolve(Optional.of(Path.of("c1")), Map.of("FLINT_HOME", "/h"), cwd).root())
                .isEqualTo(cwd.resolve("c1"));
        assertThat(ClusterDirectory.resolve(Optional.empty(), Map.of("FLINT_HOME", "/h"), cwd).root())
                .isEqualTo(Path.of("/h/cluster"));
        assertThat(ClusterDirectory.resolve(Optional.empty(), Map.of(), cwd).root())
                .isEqualTo(cwd.resolve(".flint/cluster"));
    }
}
