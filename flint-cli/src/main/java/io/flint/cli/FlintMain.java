package io.flint.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code flint} command: one executable for the node, the wallet, the tools and the cluster. */
@Command(
        name = "flint",
        mixinStandardHelpOptions = true,
        versionProvider = FlintVersion.class,
        description = {
            "Flint: a proof-of-work UTXO blockchain node for networks whose peers join and leave at any time.",
            ""
        },
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, NodeCommand.class, ClientCommand.class,
            ClusterCommand.class, SimCommand.class, WalletCommand.class, ChainCommand.class, KeyCommand.class, TxCommand.class},
        footer = {"", "Run 'flint COMMAND --help' for the options of one command."})
public final class FlintMain extends CommandGroup {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors (for reporting bugs).")
    boolean debug;

    public static void main(String[] args) {
        int code;
        try {
            code = execute(args);
        } catch (LinkageError e) {
            if (List.of(args).contains("--debug")) {
                e.printStackTrace();
            }
            System.err.println(NativeLoadFailure.explain(e, System.getProperty("java.io.tmpdir")));
            code = ExitCodes.FAILURE;
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failed, 2 usage), for tests too. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        FlintMain main = new FlintMain();
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler(new OneLineErrors(main));
        cli.setParameterExceptionHandler(new OneLineErrors(main));
        WholeNumbers.register(cli);
        return cli;
    }
}
