package io.flint.cli;

import io.flint.node.DataDirectory;
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
        Path file = dataDir == null ? null : new DataDirectory(dataDir).apiToken();
        Optional<String> token = NodeSetting.resolve(option, env, "FLINT_TOKEN", file);
        if (token.isEmpty() && file != null) {
            throw new UserError("no admin token at " + file + " (has the node with that --data-dir started once?)");
        }
        return token;
    }
}
