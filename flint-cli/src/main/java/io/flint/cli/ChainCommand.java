package io.flint.cli;

import io.flint.chain.ChainVerifier;
import io.flint.chain.store.Column;
import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.RocksKeyValueStore;
import io.flint.chain.store.StoreException;
import io.flint.core.NetworkParams;
import io.flint.node.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flint chain verify}: check a stopped node's stored state against its blocks. */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = "Tools for a node's stored chain.",
        subcommands = {ChainCommand.Verify.class})
final class ChainCommand extends CommandGroup {
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Rebuild the UTXO set from the stored blocks of the best chain and compare it with the "
                    + "stored set (a SHA-256 over all entries, and their count) and the address index. Prints "
                    + "both hashes. Exit code 0: they match; 1: they differ; 3: the store could not be checked "
                    + "(missing, in use, another network); 2: a wrong option. The node must be stopped (it holds "
                    + "the store).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", defaultValue = "data/5000", paramLabel = "DIR",
                description = "The node's data directory (default data/5000).")
        Path dataDir;

        @Option(names = "--network", paramLabel = "NAME",
                description = "demo or regtest (default: found from the stored genesis block).")
        String network;

        @Override
        public Integer call() {
            Path chainDir = new DataDirectory(dataDir).chain();
            if (!Files.isDirectory(chainDir)) {
                throw new UserError("no chain store at " + chainDir + " (is --data-dir the node's data directory?)",
                        ExitCodes.UNCHECKED);
            }
            ChainVerifier.Report report;
            try (KeyValueStore store = RocksKeyValueStore.open(chainDir)) {
                report = ChainVerifier.verify(store, params(store));
            } catch (StoreException e) {
                throw new UserError(e.getMessage(), ExitCodes.UNCHECKED);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(report.describe());
            out.flush();
            return report.matches() ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        private NetworkParams params(KeyValueStore store) {
            if (network != null) {
                return NetworkOption.parse(network);
            }
            for (NetworkParams p : List.of(NetworkParams.DEMO, NetworkParams.REGTEST)) {
                if (store.get(Column.HEADERS, p.genesisHash().toBytes()) != null) {
                    return p;
                }
            }
            throw new UserError("the chain store " + store.location() + " holds neither the demo nor the regtest genesis "
                    + "block; give --network", ExitCodes.UNCHECKED);
        }
    }
}
