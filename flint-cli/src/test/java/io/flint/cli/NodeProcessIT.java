package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" with real processes, through the {@code ./flint} launcher and the
 * packaged jar: a demo-network miner whose difficulty visibly retargets, killed with
 * {@code kill -9}, restarted with its chain intact, stopped gracefully (SIGTERM, exit 0), and
 * {@code flint chain verify} agrees with the stored state; then once more, stopped with
 * {@code POST /shutdown}. Loopback only, on free ports from a config of its own.
 */
class NodeProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private int apiPort;

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Path config() throws IOException {
        int p2p = FreePort.any();
        apiPort = FreePort.any();
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"peers\": {\"5000\": {\"ip\": \"127.0.0.1\", \"port\": " + p2p
                + ", \"fanout\": 1, \"api_port\": " + apiPort + "}}, \"dynamic_discovery\": false}");
        return config;
    }

    private Process flint(Path log, String... args) throws IOException {
        return flint(Map.of(), log, args);
    }

    private Process flint(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessRun.ROOT.resolve("flint").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FLINT_NO_BUILD", "1");
        pb.environment().remove("FLINT_TOKEN");
        pb.environment().remove("FLINT_MINE");
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** Polls {@code path} until {@code ok} holds (the node may still be starting: refused connections are retried). */
    private JsonNode await(String path, Predicate<JsonNode> ok, Duration timeout, Process node, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            assertThat(node.isAlive()).as("the node is running; its log:\n%s", tail(log)).isTrue();
            try {
                last = get(path);
                if (ok.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("GET " + path + " did not become as expected within " + timeout.toSeconds() + " s; last: "
                + last + "\nlog:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Test
    void minesRetargetsSurvivesKill9StopsCleanlyAndVerifies() throws Exception {
        Path config = config();
        Path data = dir.resolve("data");
        String[] node = {"node", "--id", "5000", "--config", config.toString(), "--network", "demo", "--data-dir",
            data.toString()};

        // 1. a miner on the demo network, until the difficulty has retargeted twice; told to mine by
        //    FLINT_MINE, as every pod of deploy/k8s is (its args carry no --mine)
        Path log1 = dir.resolve("run1.log");
        Process miner = flint(Map.of("FLINT_MINE", "true"), log1, node);
        JsonNode blocks = await("/blocks?from=1&limit=30", b -> b.size() >= 21, Duration.ofMinutes(4), miner, log1);
        double first = blocks.get(0).path("difficulty_bits").asDouble();
        double twentyFirst = blocks.get(20).path("difficulty_bits").asDouble();
        assertThat(twentyFirst).as("difficulty after two retargets of fast blocks").isGreaterThan(first);
        long before = get("/status").path("height").asLong();

        // 2. kill -9, restart: the chain is still there
        miner.destroyForcibly();
        assertThat(miner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(data.resolve("api.url")).as("a killed node leaves its api.url").exists();
        Path log2 = dir.resolve("run2.log");
        Process restarted = flint(log2, node);
        JsonNode status = await("/status", s -> s.has("height"), Duration.ofMinutes(1), restarted, log2);
        assertThat(status.path("height").asLong()).isGreaterThanOrEqualTo(before);

        // 3. SIGTERM: a graceful stop, exit code 0
        restarted.destroy();
        assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(restarted.exitValue()).as("exit code after SIGTERM; log:\n%s", tail(log2)).isZero();
        assertThat(Files.readString(log2)).contains("stopped");
        assertThat(data.resolve("api.url")).as("a clean stop removes api.url: its API no longer serves there")
                .doesNotExist();

        // 4. the stored UTXO set matches the blocks
        Path verifyLog = dir.resolve("verify.log");
        Process verify = flint(verifyLog, "chain", "verify", "--data-dir", data.toString());
        assertThat(verify.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String report = Files.readString(verifyLog);
        assertThat(verify.exitValue()).as(report).isZero();
        List<String> hashes = report.lines().filter(l -> l.contains("UTXO set:")).map(l -> l.split("\\s+")[3]).toList();
        assertThat(hashes).hasSize(2);
        assertThat(hashes.get(0)).isEqualTo(hashes.get(1));
        assertThat(report).contains("OK");

        // 5. POST /shutdown with the admin token stops it with exit code 0 too
        Path log3 = dir.resolve("run3.log");
        Process third = flint(log3, node);
        await("/health/live", h -> "live".equals(h.path("status").asText()), Duration.ofMinutes(1), third, log3);
        String token = Files.readString(data.resolve("api.token")).strip();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/shutdown"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/shutdown"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(third.exitValue()).as("exit code after POST /shutdown; log:\n%s", tail(log3)).isZero();
    }

    @Test
    void apiPortZeroServesOnAFreePortThatTheLogAndApiUrlName() throws Exception {
        Path data = dir.resolve("data0");
        Path log = dir.resolve("api0.log");
        Process node = flint(log, "node", "--id", "n53", "--network", "regtest", "--ip", "127.0.0.1", "--port",
                Integer.toString(FreePort.any()), "--api-port", "0", "--data-dir", data.toString());
        Path apiUrl = data.resolve("api.url");
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!Files.exists(apiUrl) || Files.readString(apiUrl).isBlank()) {
            assertThat(node.isAlive()).as("the node is running; its log:\n%s", tail(log)).isTrue();
            assertThat(System.nanoTime()).as("api.url written within a minute; log:\n%s", tail(log)).isLessThan(deadline);
            Thread.sleep(100);
        }
        URI url = URI.create(Files.readString(apiUrl).strip());
        apiPort = url.getPort();
        assertThat(apiPort).isPositive();
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        JsonNode status = await("/status", s -> s.has("id"), Duration.ofSeconds(30), node, log);
        assertThat(status.path("id").asText()).isEqualTo("n53");
        assertThat(Files.readString(log)).contains("HTTP API on 127.0.0.1:" + apiPort);
        node.destroy();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("exit code after SIGTERM; log:\n%s", tail(log)).isZero();
    }

    /**
     * A stop signal is a clean stop however early it comes once the node has begun to start (a
     * SIGTERM during start-up exited 143, operator tester), and SIGHUP too (the terminal closed):
     * exit 0, with a line saying which signal stopped it.
     */
    @Test
    void sigtermDuringStartUpAndSighupStopTheNodeCleanlyAndSaySo() throws Exception {
        String[] node = {"node", "--id", "n54", "--network", "regtest", "--ip", "127.0.0.1", "--port",
            Integer.toString(FreePort.any()), "--api-port", "0", "--data-dir", dir.resolve("early").toString()};
        Path log = dir.resolve("early.log");
        Process early = flint(log, node);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        // the chain store is opened inside the node's start: the signal comes before "node n54 started"
        while (!Files.readString(log).contains("chain store")) {
            assertThat(early.isAlive()).as("the node is starting; its log:\n%s", tail(log)).isTrue();
            assertThat(System.nanoTime()).as("the chain store opened within a minute").isLessThan(deadline);
            Thread.sleep(5);
        }
        early.destroy(); // SIGTERM
        assertThat(early.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(early.exitValue()).as("exit code after SIGTERM during start-up; log:\n%s", tail(log)).isZero();
        assertThat(Files.readString(log)).contains("SIGTERM received: stopping", "node n54 stopped");

        Path log2 = dir.resolve("hup.log");
        Process hup = flint(log2, node);
        Path apiUrl = dir.resolve("early").resolve("api.url");
        while (!Files.exists(apiUrl)) {
            assertThat(hup.isAlive()).as("the node is running; its log:\n%s", tail(log2)).isTrue();
            Thread.sleep(100);
        }
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(hup.pid())).start().waitFor()).isZero();
        assertThat(hup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(hup.exitValue()).as("exit code after SIGHUP; log:\n%s", tail(log2)).isZero();
        assertThat(Files.readString(log2)).contains("SIGHUP received: stopping", "node n54 stopped");
    }

    /**
     * The seeds' join: a dynamic node that is not in the bootstrap config, named by a number, listens
     * on that number and greets the config's peers, which list it.
     */
    @Test
    void aDynamicNodeOutsideTheConfigListensOnItsIdAndJoinsTheConfigsPeers() throws Exception {
        Path config = config();
        Path log0 = dir.resolve("seed.log");
        Process seed = flint(log0, "node", "--id", "5000", "--config", config.toString(), "--network", "regtest",
                "--data-dir", dir.resolve("seed").toString());
        await("/status", s -> s.has("id"), Duration.ofSeconds(60), seed, log0);
        int id = FreePort.any();
        while (id + 2000 > 65_535 || !io.flint.cluster.Ports.whyNotFree("127.0.0.1", id + 2000).isEmpty()) {
            id = FreePort.any();
        }
        String joiner = Integer.toString(id);
        Path log1 = dir.resolve("joiner.log");
        Process dynamic = flint(log1, "node", "--id", joiner, "--config", config.toString(), "--dynamic", "--network",
                "regtest", "--data-dir", dir.resolve("joiner").toString());
        int port = id;
        JsonNode peers = await("/peers", ps -> java.util.stream.StreamSupport.stream(ps.spliterator(), false)
                .anyMatch(p -> p.path("id").asText().equals(joiner)), Duration.ofSeconds(60), dynamic, log1);
        JsonNode listed = java.util.stream.StreamSupport.stream(peers.spliterator(), false)
                .filter(p -> p.path("id").asText().equals(joiner)).findFirst().orElseThrow();
        assertThat(listed.path("port").asInt()).as(listed.toString()).isEqualTo(port);
        assertThat(Files.readString(log1)).contains("P2P listening on 127.0.0.1:" + port);
        Path apiUrl = dir.resolve("joiner").resolve("api.url");
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!Files.exists(apiUrl) || Files.readString(apiUrl).isBlank()) {
            assertThat(System.nanoTime()).as("api.url written within a minute; log:\n%s", tail(log1)).isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(Files.readString(apiUrl).strip()).isEqualTo("http://127.0.0.1:" + (port + 2000));
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
