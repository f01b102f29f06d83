package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.ChainState;
import io.flint.chain.store.RocksKeyValueStore;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.crypto.Secp256k1Engines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code flint node} processes from the packaged jar (through the {@code ./flint}
 * launcher, as a user starts them), on the demo network with two of them mining, converge on
 * one best chain over TCP: the third joins late and catches up. A fresh config puts them on
 * random loopback addresses (all of 127.0.0.0/8 is local on Linux) so no port is shared with any
 * other run. Progress is read from the nodes' logs; after a graceful stop (SIGTERM) their stored
 * chains are opened and compared.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class NodeProcessesIT {
    private static final Pattern CHAIN_LOG = Pattern.compile("block (\\d+) ([0-9a-f]{64}) (connected|disconnected)");
    private static final long AGREED_HEIGHT = 12;
    private static final String[] IDS = {"5101", "5102", "5103"};

    /** A node process and where its log goes. */
    private record NodeProcess(String id, Process process, Path log, Path dataDir) {}

    /** A best-chain tip as one node's log tells it. */
    private record Tip(long height, String hash) {}

    private final List<NodeProcess> started = new ArrayList<>();

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        for (NodeProcess n : started) {
            n.process.destroy();
        }
        for (NodeProcess n : started) {
            if (!n.process.waitFor(20, TimeUnit.SECONDS)) {
                n.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void threeNodeProcessesWithTwoMinersConvergeOnOneChain(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, randomLoopbackConfig(new SplittableRandom()), StandardCharsets.UTF_8);

        NodeProcess a = startNode(dir, config, IDS[0], true);
        NodeProcess b = startNode(dir, config, IDS[1], true);
        waitFor("the miners at height 5", Duration.ofSeconds(60), () -> tip(a).height() >= 5 && tip(b).height() >= 5);
        NodeProcess c = startNode(dir, config, IDS[2], false);

        List<NodeProcess> all = List.of(a, b, c);
        waitFor("the three nodes on one tip at height " + AGREED_HEIGHT + " or more", Duration.ofSeconds(60), () -> {
            List<Tip> tips = all.stream().map(this::tip).toList();
            return tips.get(0).height() >= AGREED_HEIGHT && tips.stream().distinct().count() == 1;
        });
        Tip agreed = tip(c);

        for (NodeProcess n : all) {
            n.process.destroy();
        }
        for (NodeProcess n : all) {
            assertThat(n.process.waitFor(30, TimeUnit.SECONDS)).as("node %s stopped on SIGTERM", n.id).isTrue();
            assertThat(Files.readString(n.log)).as("log of %s", n.id).contains("node " + n.id + " stopped")
                    .doesNotContain("Exception");
        }
        // what each node stored: the agreed block on its best chain, the same blocks below it
        List<List<String>> chains = new ArrayList<>();
        for (NodeProcess n : all) {
            chains.add(storedChain(n.dataDir, agreed.height()));
        }
        assertThat(chains.get(0).get((int) agreed.height())).isEqualTo(agreed.hash());
        assertThat(chains.get(1)).isEqualTo(chains.get(0));
        assertThat(chains.get(2)).isEqualTo(chains.get(0));
    }

    /** Three peers on random 127.x.y.z addresses and random ports above 20000, fanout 2. */
    private static String randomLoopbackConfig(SplittableRandom random) {
        String net = "127." + (1 + random.nextInt(254)) + "." + (1 + random.nextInt(254)) + ".";
        int port = 20_000 + random.nextInt(30_000);
        StringBuilder json = new StringBuilder("{\"peers\": {");
        for (int i = 0; i < IDS.length; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(IDS[i]).append("\": {\"ip\": \"").append(net).append(i + 1)
                    .append("\", \"port\": ").append(port + i).append(", \"fanout\": 2}");
        }
        return json.append("}, \"dynamic_discovery\": true}\n").toString();
    }

    private NodeProcess startNode(Path dir, Path config, String id, boolean mine) throws IOException {
        Path dataDir = dir.resolve("data-" + id);
        Path log = dir.resolve(id + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessRun.ROOT.resolve("flint").toString(), "node", "--id", id, "--config",
                config.toString(), "--network", "demo", "--data-dir", dataDir.toString(), "--api-port", "0"));
        if (mine) {
            command.add("--mine");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FLINT_NO_BUILD", "1");
        pb.environment().put("FLINT_JAVA_OPTS", "-Xmx256m");
        NodeProcess n = new NodeProcess(id, pb.start(), log, dataDir);
        started.add(n);
        return n;
    }

    /** The node's best tip, replaying the connect and disconnect lines of its log. */
    private Tip tip(NodeProcess n) {
        String text;
        try {
            text = Files.readString(n.log, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Tip(0, "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Deque<Tip> chain = new ArrayDeque<>();
        Matcher m = CHAIN_LOG.matcher(text);
        while (m.find()) {
            Tip t = new Tip(Long.parseLong(m.group(1)), m.group(2));
            if (m.group(3).equals("connected")) {
                chain.push(t);
            } else if (t.equals(chain.peek())) {
                chain.pop();
            }
        }
        return Optional.ofNullable(chain.peek()).orElse(new Tip(0, ""));
    }

    /** Hashes of the stored best chain from genesis to {@code height}. */
    private static List<String> storedChain(Path dataDir, long height) {
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dataDir.resolve("chain"))) {
            ChainState chain = ChainState.open(store, NetworkParams.DEMO, Clock.systemUTC(), Runnable::run,
                    Secp256k1Engines.best());
            List<String> out = new ArrayList<>();
            for (long h = 0; h <= height; h++) {
                out.add(chain.blockAt(h).map(Block::hash).map(Object::toString).orElse("missing"));
            }
            return out;
        }
    }

    /** Polls until {@code done}; fails with every node's tip and log tail after {@code timeout}. */
    private void waitFor(String what, Duration timeout, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            for (NodeProcess n : started) {
                assertThat(n.process.isAlive()).as("node %s running (log: %s)", n.id, tail(n)).isTrue();
            }
            if (System.nanoTime() > deadline) {
                Map<String, Object> state = new LinkedHashMap<>();
                for (NodeProcess n : started) {
                    state.put(n.id, tip(n) + "\n" + tail(n));
                }
                throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s: " + state);
            }
            Thread.sleep(200);
        }
    }

    private static String tail(NodeProcess n) {
        try {
            List<String> lines = Files.readAllLines(n.log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
