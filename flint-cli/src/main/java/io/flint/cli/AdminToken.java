package io.flint.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command finds a node's admin token: {@code --token}, else the environment's
 * {@code FLINT_TOKEN}, else {@code api.token} in the node's {@code --data-dir}.
 */
final class AdminToken {
    private AdminToken() {}

    static Optional<String> resolve(String option, Path dataDir, Map<String, String> env) {
        if (option != null && !option.isBlank()) {
            return Optional.of(option.strip());
        }
        String fromEnv = env.get("FLINT_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        if (dataDir == null) {
            return Optional.empty();
        }
        Path file = dataDir.resolve("api.token");
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new UserError(file + " is empty");
            }
            return Optional.of(token);
        } catch (NoSuchFileException e) {
            throw new UserError("no admin token at " + file + " (has the node with that --data-dir started once?)");
        } catch (IOException e) {
            throw new UserError("cannot read the admin token " + file + ": " + e.getMessage());
        }
    }
}
