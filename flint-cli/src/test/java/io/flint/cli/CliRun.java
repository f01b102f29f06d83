package io.flint.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the flint command line in-process and captures what a user would see. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        CommandLine cli = FlintMain.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Errors are one line naming the problem, with no Java stack trace. */
    boolean oneLineError() {
        String e = err.strip();
        return !e.isEmpty() && !e.contains("\tat ") && !e.contains("Exception");
    }
}
