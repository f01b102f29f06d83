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

    /** The token, if any; none is no error here: only the admin commands need one (see {@link #whyNone}). */
    static Optional<String> resolve(String option, Path dataDir, Map<String, String> env) {
        return NodeSetting.resolve(option, env, "FLINT_TOKEN", dataDir == null ? null : new DataDirectory(dataDir).apiToken());
    }

    /**
     * Why an admin command has no token when the user pointed at a data directory without one,
     * for the command to say before it asks the node; empty when there is a token or no directory.
     */
    static Optional<String> whyNone(Optional<String> token, Path dataDir) {
        if (token.isPresent() || dataDir == null) {
            return Optional.empty();
        }
        return Optional.of("no admin token at " + new DataDirectory(dataDir).apiToken()
                + " (has the node with that --data-dir started once?); give --token TOKEN or set FLINT_TOKEN");
    }
}
