package io.flint.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code config.local.json} (the 11 bootstrap peers on this machine): in the working
 * directory, else at the root of the checkout the running jar was built in
 * ({@code <root>/flint-cli/target/flint.jar}), so {@code ./flint demo} works from anywhere.
 */
final class DefaultConfig {
    static final String NAME = "config.local.json";

    private DefaultConfig() {}

    static Path find() {
        Path here = Path.of(NAME);
        if (Files.isRegularFile(here)) {
            return here.toAbsolutePath();
        }
        try {
            Path p = Path.of(FlintMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
                Path candidate = p.resolve(NAME);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the error below
        }
        throw new UserError("no " + NAME + " in " + Path.of("").toAbsolutePath()
                + " or beside the flint checkout; give one with --config", ExitCodes.USAGE);
    }
}
