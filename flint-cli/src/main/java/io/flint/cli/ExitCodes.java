package io.flint.cli;

/** Exit codes shared by every command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command ran and the answer is "no" or it failed (invalid transaction, node down...). */
    public static final int FAILURE = 1;
    /** The command line itself is wrong. */
    public static final int USAGE = 2;
    /**
     * The command could not get to its question (a store in use or missing, another network):
     * apart from {@link #FAILURE} where "no" means something, e.g. a chain that does not verify.
     */
    public static final int UNCHECKED = 3;

    private ExitCodes() {}
}
