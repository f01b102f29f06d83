package io.flint.cli;

/** Exit codes shared by every command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command ran and the answer is "no" or it failed (invalid transaction, node down...). */
    public static final int FAILURE = 1;
    /** The command line itself is wrong. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
