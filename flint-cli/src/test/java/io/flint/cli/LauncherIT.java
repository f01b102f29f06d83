package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./flint} launcher at the repository root, run as a user runs it, against the jar
 * this build just packaged (FLINT_NO_BUILD=1: the launcher must not start a nested build).
 */
class LauncherIT {
    static ProcessRun flint(String... args) throws IOException, InterruptedException {
        ProcessRun r = ProcessRun.flint(Duration.ofSeconds(60), args);
        assertThat(r.code()).as("flint " + String.join(" ", args) + " finished").isNotEqualTo(124);
        return r;
    }

    @Test
    void helpAndVersion() throws Exception {
        ProcessRun help = flint("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: flint").contains("key").contains("tx").contains("demo");
        ProcessRun version = flint("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("flint 0.");
    }

    @Test
    void keyNewAndAddressAgree() throws Exception {
        ProcessRun made = flint("key", "new");
        assertThat(made.code()).isZero();
        String wif = made.out().lines().filter(l -> l.startsWith("wif:")).findFirst().orElseThrow().substring(4).strip();
        String address = made.out().lines().filter(l -> l.startsWith("address:")).findFirst().orElseThrow()
                .substring(8).strip();
        ProcessRun shown = flint("key", "address", wif);
        assertThat(shown.code()).isZero();
        assertThat(shown.out()).contains(address);
    }

    @Test
    void errorsAreOneLineWithoutStackTraces() throws Exception {
        ProcessRun bad = flint("tx", "decode", "0100000001");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("flint tx decode: not a valid transaction: truncated")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(bad.err().strip().lines().count()).isEqualTo(1);
        ProcessRun unknown = flint("no-such-command");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument").doesNotContain("Exception");
    }

    @Test
    void aSimulationFromTheJarIsReproducibleAndKeepsTheNodesLogsOffStdout() throws Exception {
        String[] args = {"sim", "run", "--nodes", "4", "--miners", "2", "--duration", "1m", "--settle", "10s",
            "--seed", "3", "--json"};
        ProcessRun first = flint(args);
        ProcessRun second = flint(args);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("{").contains("\"block_propagation\"");
        assertThat(second.out()).isEqualTo(first.out());
        // the nodes log at WARN by default: stderr holds the wall time, not their INFO lines
        assertThat(first.err()).contains("s of virtual time in").doesNotContain(" INFO ");
    }

    /**
     * A source saved while the launcher's build runs may not be in the jar (mvn compiled the text
     * before it), so the next run must build again; the launcher once touched the jar after the
     * build, which made that edit look built. A copy of the launcher runs in a tree of its own,
     * with stand-ins for mvn (the first build "edits" a source as it runs) and java.
     */
    @Test
    void aSourceSavedDuringTheBuildIsBuiltByTheNextRun(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Files.copy(ProcessRun.ROOT.resolve("flint"), root.resolve("flint"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Path source = Files.createDirectories(root.resolve("flint-core/src/main/java")).resolve("Wallet.java");
        Files.writeString(source, "class Wallet {}\n");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path builds = tmp.resolve("builds");
        script(bin.resolve("mvn"), "echo build >> '" + builds + "'",
                "if [ \"$(wc -l < '" + builds + "')\" -eq 1 ]; then sleep 0.2; echo '// edited' >> '" + source + "'; fi",
                "sleep 0.2", "mkdir -p flint-cli/target", "echo jar > flint-cli/target/flint.jar");
        script(bin.resolve("java"), "echo ran");

        for (int run = 1; run <= 3; run++) {
            ProcessBuilder pb = new ProcessBuilder(root.resolve("flint").toString(), "--version").redirectErrorStream(true);
            pb.environment().remove("FLINT_NO_BUILD");
            pb.environment().remove("JAVA_HOME");
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            Process p = pb.start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("run " + run + " finished").isTrue();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as("run " + run)
                    .contains("ran");
        }

        assertThat(Files.readAllLines(builds)).as("built at first use, again for the edit saved during that build, "
                + "then not again").hasSize(2);
    }

    private static void script(Path file, String... lines) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", List.of(lines)) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
