package io.flint.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Flint image the container tests run, built once per test run the way users build it -
 * {@code deploy/docker/build-image.sh} with the shipped Dockerfile, on the local JRE base image
 * (made without a registry when missing) - under a tag of its own, removed when the run ends.
 */
final class FlintImage implements ExtensionContext.Store.CloseableResource {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FlintImage.class);

    final String tag;
    final String id;
    final long sizeBytes;

    private FlintImage(String tag) {
        this.tag = tag;
        this.id = Command.run(Duration.ofSeconds(30), "docker", "image", "inspect", "-f", "{{.Id}}", tag).expectOk();
        this.sizeBytes = Long.parseLong(
                Command.run(Duration.ofSeconds(30), "docker", "image", "inspect", "-f", "{{.Size}}", tag).expectOk());
    }

    private static FlintImage build() {
        Tools.docker();
        Path jar = Tools.ROOT.resolve("flint-cli/target/flint.jar");
        if (!Files.exists(jar)) {
            throw new AssertionError("no " + jar + ": build flint-cli first (mvn -B -pl flint-cli -am package)");
        }
        byte[] r = new byte[4];
        ThreadLocalRandom.current().nextBytes(r);
        String tag = "local/flint-it:" + HexFormat.of().formatHex(r);
        long t0 = System.nanoTime();
        Command built = Command.run(Duration.ofMinutes(10), Map.of("IMAGE", tag, "JAR", jar.toString()), Tools.ROOT,
                List.of(Tools.ROOT.resolve("deploy/docker/build-image.sh").toString()));
        if (!built.ok()) {
            throw new AssertionError("deploy/docker/build-image.sh failed (exit " + built.code() + "):\n" + built.err());
        }
        FlintImage image = new FlintImage(tag);
        System.out.printf("[docker] built %s (%s) from deploy/docker/Dockerfile in %.1f s: %d MB%n", tag,
                image.id.substring(0, Math.min(19, image.id.length())), (System.nanoTime() - t0) / 1e9,
                image.sizeBytes / 1_000_000);
        return image;
    }

    /** Removes the tag this run made (the image goes with it unless something else tags it too). */
    @Override
    public void close() {
        Command.run(Duration.ofSeconds(60), "docker", "image", "rm", tag);
    }

    /** Gives tests (and their @BeforeAll methods) the image, building it at first use. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == FlintImage.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return c.getRoot().getStore(NS).getOrComputeIfAbsent(FlintImage.class, k -> build(), FlintImage.class);
        }
    }
}
