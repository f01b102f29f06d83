package io.flint.cli;

import io.flint.node.config.IoReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How a client command finds a setting of the node it talks to (its admin token, its URL): the
 * option, else the environment variable, else the file the node wrote into its data directory.
 */
final class NodeSetting {
    private NodeSetting() {}

    /**
     * The first non-blank of {@code option}, {@code env.get(variable)} and the content of
     * {@code file} (null: no data directory given), stripped; empty when none has one.
     *
     * @throws UserError if the file is there but cannot be read
     */
    static Optional<String> resolve(String option, Map<String, String> env, String variable, Path file) {
        if (option != null && !option.isBlank()) {
            return Optional.of(option.strip());
        }
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(v -> !v.isEmpty());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + IoReason.of(e));
        }
    }
}
