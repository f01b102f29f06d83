package io.flint.cli;

import java.io.PrintWriter;
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
        err.println(prefix(cmd) + ex.getMessage());
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }
}
