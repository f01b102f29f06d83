package io.flint.cli;

import io.flint.node.config.IoReason;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a wallet password comes from, never from a command-line argument (it would show in the
 * process list and the shell history): {@code --password-file FILE} (its first line), else the
 * environment's {@code FLINT_WALLET_PASSWORD}, else typed at the terminal without echo.
 */
final class Passwords {
    static final String ENV = "FLINT_WALLET_PASSWORD";

    private Passwords() {}

    /**
     * @param confirm ask twice when typed (a new password)
     * @param console the terminal, or null when not interactive
     */
    static char[] read(String prompt, boolean confirm, Path passwordFile, Map<String, String> env, Console console) {
        char[] password;
        if (passwordFile != null) {
            password = fromFile(passwordFile);
        } else if (env.get(ENV) != null) {
            password = env.get(ENV).toCharArray();
        } else if (console != null) {
            password = console.readPassword("%s: ", prompt);
            if (password == null) {
                throw new UserError("no password given");
            }
            if (confirm) {
                char[] again = console.readPassword("%s again: ", prompt);
                boolean same = again != null && Arrays.equals(password, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    Arrays.fill(password, '\0');
                    throw new UserError("the two passwords differ; nothing was changed");
                }
            }
        } else {
            throw new UserError("a wallet password is needed: run in a terminal, or give --password-file FILE, or set "
                    + ENV, ExitCodes.USAGE);
        }
        if (password.length == 0) {
            throw new UserError("the wallet password must not be empty", ExitCodes.USAGE);
        }
        return password;
    }

    private static char[] fromFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = end < 0 ? content : content.substring(0, end);
            return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
        } catch (IOException e) {
            throw new UserError("cannot read --password-file " + file + ": " + IoReason.of(e), ExitCodes.USAGE);
        }
    }
}
