package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.ChainState;
import io.flint.chain.HeadersOutcome;
import io.flint.chain.store.Column;
import io.flint.chain.store.RocksKeyValueStore;
import io.flint.chain.store.StoreBatch;
import io.flint.core.BlockHeader;
import io.flint.core.NetworkParams;
import io.flint.crypto.Secp256k1Engines;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flint chain verify} over a real node's RocksDB store. */
class ChainCommandTest {
    @TempDir
    Path dir;

    private Path minedDataDir(int blocks) {
        Path data = dir.resolve("node");
        try (RunningNode node = new RunningNode(data, false)) {
            node.mine(blocks);
        }
        return data;
    }

    @Test
    void aCleanStoreVerifiesAndBothHashesArePrinted() {
        // five coinbase outputs: the genesis one is unspendable, as in Bitcoin
        Path data = minedDataDir(5);

        CliRun r = CliRun.of("chain", "verify", "--data-dir", data.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("at height 5").contains("stored UTXO set:").contains("rebuilt UTXO set:")
                .contains("(5 outputs)").contains("OK");
        List<String> hashes = new ArrayList<>();
        r.out().lines().filter(l -> l.contains("UTXO set:")).forEach(l -> hashes.add(l.split("\\s+")[3]));
        assertThat(hashes).hasSize(2);
        assertThat(hashes.get(0)).hasSize(64).isEqualTo(hashes.get(1));
    }

    @Test
    void aStoreWhoseUtxoSetLostAnEntryFailsWithExitCode1() {
        Path data = minedDataDir(3);
        try (RocksKeyValueStore store = RocksKeyValueStore.open(data.resolve("chain"))) {
            byte[][] first = new byte[1][];
            store.scan(Column.UTXO, new byte[0], (k, v) -> {
                first[0] = k;
                return false;
            });
            store.write(new StoreBatch().delete(Column.UTXO, first[0]));
        }

        CliRun r = CliRun.of("chain", "verify", "--data-dir", data.toString(), "--network", "regtest");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        // the genesis coinbase is unspendable, as in Bitcoin: three blocks leave three outputs, one deleted
        assertThat(r.out()).contains("(2 outputs)").contains("(3 outputs)").contains("MISMATCH");
    }

    @Test
    void aLightNodesHeaderOnlyStoreIsNamedAndNotReportedAsVerified() throws Exception {
        List<BlockHeader> headers;
        try (RunningNode full = new RunningNode(dir.resolve("full"), true)) {
            full.mine(6);
            headers = full.node.chain().headers(1, 6);
        }
        // what a light node stores: the headers of the best chain, no blocks after the genesis block
        Path light = dir.resolve("light");
        try (RocksKeyValueStore store = RocksKeyValueStore.open(light.resolve("chain"))) {
            // headers only: no script is checked, so the checks may run on this thread
            ChainState chain = ChainState.open(store, NetworkParams.REGTEST, Clock.systemUTC(), Runnable::run,
                    Secp256k1Engines.best());
            assertThat(chain.submitHeaders(headers)).isInstanceOf(HeadersOutcome.Accepted.class);
        }

        CliRun r = CliRun.of("chain", "verify", "--data-dir", light.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UNCHECKED);
        assertThat(r.out()).contains("header-only store (a light node's): 6 headers up to height 6")
                .contains("not checked").doesNotContain("OK");
    }

    @Test
    void aStoreInUseOrMissingIsRefusedClearly() {
        try (RunningNode node = new RunningNode(dir.resolve("busy"), false)) {
            CliRun busy = CliRun.of("chain", "verify", "--data-dir", dir.resolve("busy").toString());
            assertThat(busy.exitCode()).as("not 1, which says the chain does not verify").isEqualTo(ExitCodes.UNCHECKED);
            assertThat(busy.oneLineError()).isTrue();
            assertThat(busy.err()).contains("in use by another process");
        }
        CliRun missing = CliRun.of("chain", "verify", "--data-dir", dir.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.UNCHECKED);
        assertThat(missing.err()).contains("no chain store at");
        CliRun badNetwork = CliRun.of("chain", "verify", "--data-dir", minedDataDir(1).toString(), "--network", "mainnet");
        assertThat(badNetwork.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badNetwork.err()).contains("unknown network 'mainnet'");
    }
}
