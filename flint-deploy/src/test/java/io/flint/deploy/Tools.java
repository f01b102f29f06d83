package io.flint.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The outside tools these tests drive, and what happens when one is missing: on a developer's
 * machine the test is skipped with the reason; in CI ({@code CI} or {@code FLINT_REQUIRE_TOOLS}
 * set, as {@code .ci/run} does) it fails, so a broken CI machine cannot pass by skipping.
 */
final class Tools {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private Tools() {}

    static boolean required() {
        return set("FLINT_REQUIRE_TOOLS") || set("CI");
    }

    private static boolean set(String name) {
        String v = System.getenv(name);
        return v != null && !v.isBlank() && !v.equalsIgnoreCase("false") && !v.equals("0");
    }

    /** Skips (or, in CI, fails) when {@code available} is false. */
    static void need(boolean available, String why) {
        if (required()) {
            if (!available) {
                throw new AssertionError(why + " (required here: CI or FLINT_REQUIRE_TOOLS is set)");
            }
        } else {
            Assumptions.assumeTrue(available, why);
        }
    }

    /** An executable on PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Path kubectl() {
        Optional<Path> k = onPath("kubectl");
        need(k.isPresent(), "kubectl is not installed (Debian: apt-get install kubernetes-client)");
        return k.orElseThrow();
    }

    /** The docker CLI, with a daemon that answers. */
    static void docker() {
        boolean cli = onPath("docker").isPresent();
        need(cli, "the docker command is not installed (deploy/docker/docker-host.sh installs and starts Docker)");
        Command info = Command.run(Duration.ofSeconds(20), "docker", "version", "--format", "{{.Server.Version}}");
        need(info.ok(), "no Docker daemon answers (deploy/docker/docker-host.sh dockerd starts one): " + info.err().strip());
    }
}
