package io.flint.cli;

import io.flint.chain.ChainVerifier;
import io.flint.chain.store.Column;
import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.RocksKeyValueStore;
import io.flint.chain.store.StoreException;
import io.flint.chain.store.StoredHeader;
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
                    + "(missing, in use, another network, or a light node's header-only store: no blocks to rebuild "
                    + "from); 2: a wrong option. The node must be stopped (it holds "
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
            HeadersWithoutBlocks waiting;
            try (KeyValueStore store = RocksKeyValueStore.open(chainDir)) {
                report = ChainVerifier.verify(store, params(store));
                waiting = HeadersWithoutBlocks.of(store);
            } catch (StoreException e) {
                throw new UserError(e.getMessage(), ExitCodes.UNCHECKED);
            }
            PrintWriter out = spec.commandLine().getOut();
            try {
                if (report.height() == 0 && waiting.count() > 0) {
                    // the verifier replays blocks; a light node has none, so its "OK at height 0" would say nothing
                    out.println("header-only store (a light node's): " + waiting.count() + " headers up to height "
                            + waiting.highest() + ", no blocks after the genesis block");
                    out.println("not checked: there are no blocks to rebuild a UTXO set from (only the genesis state, "
                            + (report.matches() ? "which matches" : "which DIFFERS") + "), and the headers' chain is "
                            + "not re-checked here");
                    return ExitCodes.UNCHECKED;
                }
                out.println(report.describe());
                if (waiting.count() > 0) {
                    out.println("not checked: " + waiting.count() + " headers up to height " + waiting.highest()
                            + " whose blocks are not stored (a sync was in progress, a branch no peer served, "
                            + "or a competing branch with no more work than the chain's, whose blocks are not fetched)");
                }
                return report.matches() ? ExitCodes.OK : ExitCodes.FAILURE;
            } finally {
                out.flush();
            }
        }

        /** The stored headers (not marked failed) whose blocks are not in the store: all a light node keeps. */
        private record HeadersWithoutBlocks(long count, long highest) {
            static HeadersWithoutBlocks of(KeyValueStore store) {
                long[] countAndHighest = new long[2];
                store.scan(Column.HEADERS, new byte[0], (key, value) -> {
                    StoredHeader h = StoredHeader.decode(value);
                    if ((h.status() & (StoredHeader.HAVE_DATA | StoredHeader.FAILED)) == 0) {
                        countAndHighest[0]++;
                        countAndHighest[1] = Math.max(countAndHighest[1], h.header().height());
                    }
                    return true;
                });
                return new HeadersWithoutBlocks(countAndHighest[0], countAndHighest[1]);
            }
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
