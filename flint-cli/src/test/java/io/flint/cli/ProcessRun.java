package io.flint.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run as a user runs it, to completion, with what it printed; {@code ./flint} runs
 * with FLINT_NO_BUILD=1 (tests use the jar this build packaged, never a nested build).
 *
 * @param code the exit code (124 when it did not finish in time, 127 when it could not start)
 */
record ProcessRun(int code, String out, String err) {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** {@code ./flint ARGS}. */
    static ProcessRun flint(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("flint").toString());
        command.addAll(List.of(args));
        return of(limit, command);
    }

    static ProcessRun of(Duration limit, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("flint-out", ".txt");
        Path err = Files.createTempFile("flint-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("FLINT_NO_BUILD", "1");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new ProcessRun(127, "", e.getMessage());
            }
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new ProcessRun(124, Files.readString(out, StandardCharsets.UTF_8),
                        "did not finish within " + limit.toSeconds() + " s: " + String.join(" ", command));
            }
            return new ProcessRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
