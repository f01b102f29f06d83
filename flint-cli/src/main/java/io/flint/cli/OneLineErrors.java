package io.flint.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every error into one line on stderr ("flint: reason") and an exit code; the stack
 * trace only with {@code --debug}.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final FlintMain main;

    OneLineErrors(FlintMain main) {
        this.main = main;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (main.debug) {
            ex.printStackTrace(err);
        }
        if (ex instanceof UserError user) {
            err.println(prefix(cmd) + user.getMessage());
            err.flush();
            return user.exitCode();
        }
        String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println(prefix(cmd) + reason + (main.debug ? "" : " (run with --debug for details)"));
        err.flush();
        return ExitCodes.FAILURE;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(prefix(cmd) + ex.getMessage() + environmentHint(ex));
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * A missing option that an environment variable also sets says so: in a container the user
     * sets FLINT_ID, not --id, and "Missing required option: '--id=ID'" named only the flag.
     */
    private static String environmentHint(ParameterException ex) {
        if (!(ex instanceof CommandLine.MissingParameterException missing)) {
            return "";
        }
        List<String> variables = new ArrayList<>();
        for (CommandLine.Model.ArgSpec arg : missing.getMissing()) {
            // picocli keeps only the interpolated default; the help text names the variable ("env FLINT_ID")
            Matcher m = ENV_NAMED.matcher(String.join(" ", arg.description()));
            if (m.find()) {
                variables.add(m.group(1));
            }
        }
        return variables.isEmpty() ? "" : " (or set the environment variable " + String.join(", ", variables) + ")";
    }

    private static final Pattern ENV_NAMED = Pattern.compile("\\benv ([A-Z][A-Z0-9_]*)");

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }
}
