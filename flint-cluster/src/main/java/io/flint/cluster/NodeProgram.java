package io.flint.cluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command that runs {@code flint} in a child process: this JVM's own {@code java} and either
 * the jar this code was loaded from ({@code java -jar flint.jar}) or, when it runs from class
 * directories (tests, an IDE), the same class path and main class.
 *
 * @param command everything before the flint arguments ({@code node --id ...})
 */
public record NodeProgram(List<String> command) {
    /**
     * JVM options for each node: a small heap and the serial collector, so a dozen nodes fit on a
     * laptop; {@code FLINT_NODE_JAVA_OPTS} replaces them.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-Xss512k");

    public NodeProgram {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a node program needs a command");
        }
    }

    /** Runs {@code mainClass} the way this JVM was given it, with {@code jvmOptions}. */
    public static NodeProgram forRunningCode(Class<?> mainClass, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        Path location = codeLocation(mainClass);
        if (Files.isRegularFile(location) && location.getFileName().toString().endsWith(".jar")) {
            // the jar's manifest carries the --add-opens and native-access grants
            cmd.add("-jar");
            cmd.add(location.toString());
        } else {
            cmd.add("--add-opens");
            cmd.add("java.base/sun.security.provider=ALL-UNNAMED");
            if (Runtime.version().feature() >= 22) {
                cmd.add("--enable-native-access=ALL-UNNAMED");
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(mainClass.getName());
        }
        return new NodeProgram(cmd);
    }

    /** The JVM options from {@code FLINT_NODE_JAVA_OPTS} (split on blanks), else the defaults. */
    public static List<String> jvmOptions(String fromEnvironment) {
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return DEFAULT_JVM_OPTIONS;
        }
        return Arrays.stream(fromEnvironment.strip().split("\\s+")).toList();
    }

    private static Path codeLocation(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new ClusterException("cannot tell where " + type.getName() + " was loaded from: " + e.getMessage());
        }
    }
}
