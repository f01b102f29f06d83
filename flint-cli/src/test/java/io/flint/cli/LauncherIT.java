package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./flint} launcher at the repository root, run as a user runs it, against the jar
 * this build just packaged (FLINT_NO_BUILD=1: the launcher must not start a nested build).
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(int code, String out, String err) {}

    static Result flint(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("flint").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("flint-out", ".txt");
        Path err = Files.createTempFile("flint-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("FLINT_NO_BUILD", "1");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("flint " + String.join(" ", args) + " finished").isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void helpAndVersion() throws Exception {
        Result help = flint("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: flint").contains("key").contains("tx").contains("demo");
        Result version = flint("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("flint 0.");
    }

    @Test
    void keyNewAndAddressAgree() throws Exception {
        Result made = flint("key", "new");
        assertThat(made.code()).isZero();
        String wif = made.out().lines().filter(l -> l.startsWith("wif:")).findFirst().orElseThrow().substring(4).strip();
        String address = made.out().lines().filter(l -> l.startsWith("address:")).findFirst().orElseThrow()
                .substring(8).strip();
        Result shown = flint("key", "address", wif);
        assertThat(shown.code()).isZero();
        assertThat(shown.out()).contains(address);
    }

    @Test
    void errorsAreOneLineWithoutStackTraces() throws Exception {
        Result bad = flint("tx", "decode", "0100000001");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("flint tx decode: not a valid transaction: truncated")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(bad.err().strip().lines().count()).isEqualTo(1);
        Result unknown = flint("no-such-command");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument").doesNotContain("Exception");
    }
}
