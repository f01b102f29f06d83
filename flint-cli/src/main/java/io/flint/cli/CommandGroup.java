package io.flint.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code flint wallet}, {@code flint key}...). Given
 * alone it did nothing it was asked to, so it shows its usage on stderr and exits
 * {@link ExitCodes#USAGE}, as any other incomplete command line does; {@code --help} is the way
 * to ask for the usage itself.
 */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": give one of its commands");
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }
}
