package io.flint.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external command (docker, docker-compose, kubectl, the deploy scripts) run to completion
 * within a time limit, its output captured; a command that overruns is killed and reported.
 */
record Command(List<String> args, int code, String out, String err) {

    static Command run(Duration limit, Map<String, String> env, Path dir, List<String> args) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("flint-cmd-", ".out");
            err = Files.createTempFile("flint-cmd-", ".err");
            ProcessBuilder pb = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("'" + String.join(" ", args) + "' did not finish within " + limit.toSeconds()
                        + " s; its output so far:\n" + Files.readString(out) + Files.readString(err));
            }
            return new Command(List.copyOf(args), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Command(List.copyOf(args), 127, "", "cannot run " + args.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + args, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static Command run(Duration limit, String... args) {
        return run(limit, Map.of(), null, List.of(args));
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    boolean ok() {
        return code == 0;
    }

    /** The command succeeded; its trimmed stdout. */
    String expectOk() {
        if (code != 0) {
            throw new AssertionError("'" + String.join(" ", args) + "' failed (exit " + code + "):\n" + err + out);
        }
        return out.strip();
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }
}
