package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode.Response;
import io.flint.chain.ChainVerifier;
import io.flint.chain.store.Column;
import io.flint.chain.store.RocksKeyValueStore;
import io.flint.chain.store.StoreBatch;
import io.flint.chain.store.StoreException;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.node.FlintNode;
import io.flint.p2p.ChainStateAccess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose RocksDB files were damaged on disk (bytes overwritten in the middle of its largest
 * table, the blocks' family) while it was stopped: it starts, says what it cannot read, answers
 * everything else, and serves peers what it still has.
 */
class DamagedStoreTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedBlockIsNamedWithWhatToDoAndTheRestIsStillServed() throws Exception {
        Path data = dir.resolve("node");
        long height;
        List<Long> unreadable = new ArrayList<>();
        try (ApiNode n = node(data)) {
            n.mine(120);
            height = n.node.chain().height();
        }
        // a clean reopen moves what the write-ahead log holds into table files, the files to damage
        RocksKeyValueStore.open(data.resolve("chain")).close();
        damageTheMiddleOf(largestTable(data.resolve("chain")));

        try (ApiNode n = node(data)) {
            assertThat(n.node.chain().height()).isEqualTo(height);
            // the start-up check reads the last blocks back: damage among them is named at once
            JsonNode atStart = n.get("/status").json().path("store_damage");
            int readyAtStart = n.get("/health/ready").status();

            Response firstFailure = null;
            for (long h = 0; h <= height; h++) {
                Response r = n.get("/blocks/" + h);
                if (r.status() != 200) {
                    unreadable.add(h);
                    firstFailure = firstFailure == null ? r : firstFailure;
                }
            }
            assertThat(unreadable).as("blocks of the damaged table").isNotEmpty();
            if (unreadable.stream().anyMatch(h -> h > height - FlintNode.RECENT_BLOCKS_CHECKED)) {
                assertThat(atStart.asText()).startsWith("read failed in blocks: ").contains("checksum mismatch");
                assertThat(readyAtStart).isEqualTo(503);
            } else {
                assertThat(atStart.isNull()).as("nothing read yet is damaged").isTrue();
                assertThat(readyAtStart).isEqualTo(200);
            }
            assertThat(unreadable.size()).as("only those").isLessThan((int) height);
            assertThat(firstFailure.status()).isEqualTo(500);
            assertThat(firstFailure.error()).isEqualTo("storage_error");
            assertThat(firstFailure.reason()).contains("block checksum mismatch")
                    .contains("the chain store of this node is damaged")
                    .contains("flint chain verify --data-dir " + data.toAbsolutePath().normalize());

            assertThat(n.get("/status").json().path("store_damage").asText()).startsWith("read failed in blocks: ")
                    .contains("checksum mismatch");
            Response ready = n.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.reason()).startsWith("the chain store is damaged: read failed in blocks");
            // a list that takes in a lost block cannot be complete: it says why, as the block itself does
            Response list = n.get("/blocks?from=0&limit=500");
            assertThat(list.status()).isEqualTo(500);
            assertThat(list.error()).isEqualTo("storage_error");
            assertThat(n.get("/blocks?from=" + (height + 1)).status()).as("a list of nothing lost").isEqualTo(200);

            // a peer asking for the lost block hears nothing (and asks another peer); a readable one it gets
            Hash lost = n.node.loop().call(() -> n.node.chain().headerAt(unreadable.get(0)), Duration.ofSeconds(30))
                    .orElseThrow().hash();
            long readableHeight = unreadable.contains(height) ? 0 : height;
            Hash readable = n.node.loop().call(() -> n.node.chain().headerAt(readableHeight), Duration.ofSeconds(30))
                    .orElseThrow().hash();
            ChainStateAccess peersView = new ChainStateAccess(n.node.chain(), false);
            assertThat(n.node.loop().call(() -> peersView.block(lost), Duration.ofSeconds(30))).isEmpty();
            assertThat(n.node.loop().call(() -> peersView.block(readable), Duration.ofSeconds(30))).isPresent();
            assertThatThrownBy(() -> n.node.loop().call(() -> n.node.chain().block(lost), Duration.ofSeconds(30)))
                    .isInstanceOf(StoreException.class);
        }
        // flint chain verify, with the node stopped: every lost block by height, not only the first error
        try (RocksKeyValueStore store = RocksKeyValueStore.open(data.resolve("chain"))) {
            assertThatThrownBy(() -> ChainVerifier.verify(store, NetworkParams.REGTEST))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(unreadable.size() + " of the " + (height + 1) + " blocks of the best chain in ")
                    .hasMessageContaining("cannot be read, so the UTXO set cannot be rebuilt: height")
                    .hasMessageContaining(" " + unreadable.get(0) + " (")
                    .hasMessageContaining("First error: read failed in blocks: block checksum mismatch")
                    // only chain/ goes: the wallet, its password and the token cannot be downloaded again
                    .hasMessageEndingWith(". The store is damaged: move the chain/ directory away (keep wallet.json, "
                            + "wallet.password and api.token) and start the node: it downloads the chain again from its "
                            + "peers");
        }
    }

    /**
     * A block removed from the store while the node was stopped (not a RocksDB read error: the
     * key is simply gone) is named by the start-up check: in {@code /status} and readiness at
     * once, not at the first peer's request for it.
     */
    @Test
    void aRecentBlockLostWhileTheNodeWasStoppedIsNamedAtStart() throws Exception {
        Path data = dir.resolve("lost");
        Hash lost;
        long height;
        try (ApiNode n = node(data)) {
            n.mine(10);
            height = n.node.chain().height();
            lost = n.node.loop().call(() -> n.node.chain().headerAt(height - 2), Duration.ofSeconds(30))
                    .orElseThrow().hash();
        }
        try (RocksKeyValueStore store = RocksKeyValueStore.open(data.resolve("chain"))) {
            store.write(new StoreBatch().delete(Column.BLOCKS, lost.toBytes()));
        }
        try (ApiNode n = node(data)) {
            assertThat(n.node.chain().height()).as("it runs on what it has").isEqualTo(height);
            assertThat(n.get("/status").json().path("store_damage").asText())
                    .isEqualTo("block " + (height - 2) + " (" + lost + ") is missing from the store");
            Response ready = n.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.reason()).isEqualTo("the chain store is damaged: block " + (height - 2) + " (" + lost
                    + ") is missing from the store");
            assertThat(n.get("/blocks/" + height).status()).as("the rest is served").isEqualTo(200);
        }
    }

    private static ApiNode node(Path data) {
        return new ApiNode("damaged", data, ApiOptions.DEFAULTS, List.of(), 0, b -> b.inMemoryChain = false);
    }

    private static Path largestTable(Path chain) throws IOException {
        try (Stream<Path> files = Files.list(chain)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst"))
                    .max(Comparator.comparingLong(DamagedStoreTest::size)).orElseThrow();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void damageTheMiddleOf(Path table) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
            f.seek(f.length() / 2);
            f.write(new byte[64]);
        }
    }
}
