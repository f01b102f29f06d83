package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
}
