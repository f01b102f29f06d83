package io.flint.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.store.RocksKeyValueStore;
import io.flint.core.NetworkParams;
import io.flint.crypto.Secp256k1Engines;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM keeps connecting blocks (and reorganising) into a
 * RocksDB chain; it is killed with SIGKILL, the store is reopened, and the stored tip, UTXO set
 * and address index must agree with a replay of the stored blocks. Several rounds on the same
 * directory, each child going on from where the last one died.
 */
class ChainCrashIT {
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesAConsistentChain() throws Exception {
        SplittableRandom random = new SplittableRandom(20_260_101L);
        Path data = dir.resolve("chain");
        long lastHeight = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = start(data, random.nextLong());
            try {
                awaitReady(child);
                Thread.sleep(300 + random.nextInt(1200));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            try (RocksKeyValueStore store = RocksKeyValueStore.open(data)) {
                ChainVerifier.Report raw = ChainVerifier.verify(store, NetworkParams.REGTEST);
                assertThat(raw.matches()).as("round %d, as the kill left it:%n%s", round, raw.describe()).isTrue();
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try {
                    ChainState chain = ChainState.open(store, NetworkParams.REGTEST,
                            Clock.fixed(Instant.ofEpochSecond(NetworkParams.GENESIS_TIME).plus(Duration.ofDays(365)),
                                    ZoneOffset.UTC), pool, Secp256k1Engines.best());
                    ChainVerifier.Report reopened = ChainVerifier.verify(store, NetworkParams.REGTEST);
                    assertThat(reopened.matches()).as("round %d, reopened:%n%s", round, reopened.describe()).isTrue();
                    assertThat(reopened.tip()).isEqualTo(chain.tip().hash());
                    System.out.printf("[crash] round %d: killed at height %d, %d unspent outputs, consistent%n", round,
                            chain.height(), reopened.storedUtxoCount());
                    assertThat(chain.height()).isGreaterThanOrEqualTo(lastHeight);
                    lastHeight = chain.height();
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        assertThat(lastHeight).as("the children made progress").isGreaterThan(10);
    }

    private static Process start(Path data, long seed) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--enable-native-access")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashingChainWriter.class.getName());
        cmd.add(data.toString());
        cmd.add(Long.toString(seed));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            // log lines may come first
            line = out.readLine();
        } while (line != null && !line.startsWith("ready"));
        assertThat(line).as("the child's ready line (it died before?)").isNotNull();
        // keep draining so the child never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (java.io.IOException ignored) {
                // the child died
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

}
