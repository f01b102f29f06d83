package io.flint.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code flint demo}: the one-command network. It needs the node and the network, not built yet. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the 11 bootstrap nodes of config.local.json on this machine and show them working.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("the demo network is not built yet: this version has the cryptography, "
                + "transactions and blocks (try 'flint key new' or 'flint tx decode HEX').");
    }
}
