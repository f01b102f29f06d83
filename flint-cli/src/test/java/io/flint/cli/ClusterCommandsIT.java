package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.cluster.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code flint cluster} and {@code flint demo} end to end, as a user runs them: the launcher and
 * the packaged jar, real node processes on a random 127.x.y.z host (so the fixed ports of the
 * config never clash with another run), each command a separate process reading the cluster
 * directory the previous one wrote.
 */
class ClusterCommandsIT {
    private Path dir;
    private Path config;
    private String host;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("flint-cluster-it-");
        host = Ports.randomLoopbackHost(new SplittableRandom());
        config = dir.resolve("config.json");
        Files.writeString(config, "{\"peers\": {"
                + "\"5000\": {\"ip\": \"" + host + "\", \"port\": 5000, \"fanout\": 2, \"mine\": true},"
                + "\"5001\": {\"ip\": \"" + host + "\", \"port\": 5001, \"fanout\": 2},"
                + "\"5002\": {\"ip\": \"" + host + "\", \"port\": 5002, \"fanout\": 2, \"light\": true}"
                + "}, \"dynamic_discovery\": true}");
    }

    @AfterEach
    void tearDown() throws Exception {
        // whatever a failed test left running goes, and then the directory
        ProcessRun.flint(Duration.ofSeconds(60), "cluster", "down", "--dir", dir.resolve("cluster").toString());
        ProcessRun.flint(Duration.ofSeconds(60), "cluster", "down", "--dir", dir.resolve("demo").toString());
        for (ProcessHandle p : nodeProcesses()) {
            p.destroyForcibly();
        }
        TempTree.delete(dir);
    }

    /** How hints name this test's cluster directory, so that a command copied from them acts on it. */
    private String dirOption() {
        return " --dir " + dir.resolve("cluster").toAbsolutePath().normalize();
    }

    private ProcessRun cluster(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("cluster"));
        all.addAll(List.of(args));
        all.addAll(List.of("--dir", dir.resolve("cluster").toString()));
        return ProcessRun.flint(Duration.ofSeconds(150), all.toArray(String[]::new));
    }

    /** Node processes started under this test's directory. */
    private List<ProcessHandle> nodeProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(" node --id ") && c.contains(dir.toString()))
                        .orElse(false))
                .toList();
    }

    /**
     * {@code ./flint ARGS} running in the background, its output to {@code out} and {@code err} (the
     * same file: merged), with SIGINT at its default as in a terminal where a user presses Ctrl-C.
     * A process inherits an ignored SIGINT, and a non-interactive shell ignores it for what it
     * starts with {@code &}: when the build itself runs that way (CI started in the background),
     * the JVM installs no SIGINT handler and the tests' {@code kill -INT} would reach nothing.
     * Perl (part of every Debian) sets it back to the default and execs, so the pid stays ./flint's.
     */
    private static Process startFlint(Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("perl", "-e",
                "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\\n\"",
                ProcessRun.ROOT.resolve("flint").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
        if (err.equals(out)) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(err.toFile());
        }
        pb.environment().put("FLINT_NO_BUILD", "1");
        return pb.start();
    }

    private JsonNode ls() throws Exception {
        ProcessRun r = cluster("ls", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void upLsAddRemoveKillDownWithRealProcesses() throws Exception {
        ProcessRun up = cluster("up", "--config", config.toString(), "--tx-interval", "1");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("3 nodes started").contains("http://" + host + ":7000/")
                .contains("next: 'flint cluster ls" + dirOption() + "', 'flint cluster add" + dirOption()
                        + "', 'flint cluster down" + dirOption() + "'");
        assertThat(nodeProcesses()).hasSize(3);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode nodes = ls();
            assertThat(nodes).hasSize(3);
            for (JsonNode n : nodes) {
                assertThat(n.path("status").asText()).as(n.toString()).isEqualTo("up");
                assertThat(n.path("peers").asInt()).as(n.toString()).isEqualTo(2);
            }
        });
        ProcessRun again = cluster("up", "--config", config.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already running").contains("'flint cluster down" + dirOption() + "' stops it first");

        ProcessRun add = cluster("add", "--tx-interval", "1");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("node 5003 joined: seen by 3 of 3 peers in ").contains("synced to height");
        assertThat(Files.readString(dir.resolve("cluster/nodes/5003/config.json")))
                .contains("\"5003\"").contains("\"5000\"");
        ProcessRun table = cluster("ls");
        assertThat(table.out()).contains("5003").contains("full").contains(host + ":5003");

        long pid5003 = pidOf(ls(), "5003");
        ProcessRun remove = cluster("remove", "5003");
        assertThat(remove.code()).as(remove.err()).isZero();
        assertThat(remove.out()).startsWith("node 5003 left: ").contains("after POST /shutdown")
                .contains("removed by 3 of 3 peers");
        assertThat(ProcessHandle.of(pid5003).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(dir.resolve("cluster/nodes/5003/node.log"))).contains("left the network");
        // the id (and ports) of the node that left are the next new node's, not 5004
        ProcessRun next = cluster("add", "--no-watch");
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.out()).startsWith("node 5003 started").contains("P2P " + host + ":5003");
        assertThat(cluster("remove", "5003").code()).isZero();

        long pid5001 = pidOf(ls(), "5001");
        java.time.Instant beforeKill = java.time.Instant.now();
        ProcessRun kill = cluster("kill", "5001");
        java.time.Instant killReturned = java.time.Instant.now();
        assertThat(kill.code()).isZero();
        // the moment the kill went, to the millisecond: a lab times its peers' detection from it
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("; killed at (\\S+); ").matcher(kill.out());
        assertThat(at.find()).as(kill.out()).isTrue();
        assertThat(java.time.Instant.parse(at.group(1))).isBetween(beforeKill.minusMillis(1), killReturned);
        assertThat(kill.out()).contains("node 5001 killed (SIGKILL")
                .contains("'flint cluster ls" + dirOption() + "' lists it as dead until 'flint cluster remove 5001"
                        + dirOption() + "' or 'flint cluster down" + dirOption() + "'");
        assertThat(ProcessHandle.of(pid5001).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(dir.resolve("cluster/nodes/5001/node.log"))).doesNotContain("left the network");
        // a killed node stays listed, dead and why, until remove or down
        JsonNode afterKill = ls();
        assertThat(afterKill).extracting(n -> n.path("id").asText()).containsExactly("5000", "5001", "5002");
        assertThat(afterKill.get(1).path("status").asText()).isEqualTo("dead");
        assertThat(afterKill.get(1).path("ended").asText()).isEqualTo("killed by 'flint cluster kill' (SIGKILL)");
        assertThat(cluster("ls").out()).contains("dead (killed by 'flint cluster kill' (SIGKILL))");

        ProcessRun removeDead = cluster("remove", "5001");
        assertThat(removeDead.code()).as(removeDead.err()).isZero();
        assertThat(removeDead.out().strip()).isEqualTo("node 5001 was already dead (killed by 'flint cluster kill' "
                + "(SIGKILL)); removed it from the list");
        ProcessRun unknown = cluster("remove", "5001");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err().strip()).startsWith("flint cluster remove: no node 5001").doesNotContain("Exception");

        assertThat(cluster("kill", "5002").code()).isZero();
        ProcessRun down = cluster("down");
        assertThat(down.code()).isZero();
        assertThat(down.out()).contains("node 5002 was already dead (killed by 'flint cluster kill' (SIGKILL)); "
                + "removed it from the list").contains("node 5000 stopped").contains("the one running node stopped");
        assertThat(nodeProcesses()).as("no node left running").isEmpty();
        assertThat(ls()).isEmpty();
        ProcessRun addAfterDown = cluster("add");
        assertThat(addAfterDown.code()).isEqualTo(1);
        assertThat(addAfterDown.err()).contains("no cluster in ").contains("run 'flint cluster up" + dirOption() + "' first");
        assertThat(nodeProcesses()).as("add after down starts nothing").isEmpty();
    }

    @Test
    void aNodeAddedAgainComesBackAsTheSameNode() throws Exception {
        ProcessRun up = cluster("up", "--config", config.toString(), "--tx-interval", "7");
        assertThat(up.code()).as(up.err()).isZero();
        ProcessRun light = cluster("add", "--light", "--no-watch");
        assertThat(light.code()).as(light.err()).isZero();
        assertThat(roleOf(ls(), "5003")).isEqualTo("light");
        ProcessRun payer = cluster("add", "--tx-interval", "3", "--no-watch");
        assertThat(payer.code()).as(payer.err()).isZero();

        for (String id : List.of("5003", "5004", "5001")) {
            assertThat(cluster("kill", id).code()).isZero();
            ProcessRun again = cluster("add", "--id", id, "--no-watch");
            assertThat(again.code()).as(again.err()).isZero();
        }
        JsonNode nodes = ls();
        assertThat(roleOf(nodes, "5003")).as("the light node came back light").isEqualTo("light");
        assertThat(Files.readString(dir.resolve("cluster/nodes/5003/config.json"))).contains("\"light\" : true");
        assertThat(lastStart("5004")).as("the dynamic node pays as it did").contains(" --tx-interval 3");
        assertThat(lastStart("5001")).as("the bootstrap peer pays as up said").contains(" --tx-interval 7");

        ProcessRun miner = cluster("remove", "5003");
        assertThat(miner.code()).as(miner.err()).isZero();
        ProcessRun asMiner = cluster("add", "--id", "5003", "--mine", "--no-watch");
        assertThat(asMiner.code()).as(asMiner.err()).isZero();
        assertThat(roleOf(ls(), "5003")).as("--mine says otherwise").isEqualTo("miner");
    }

    /** The command line of a node's last start: the line the backend writes to its log before it. */
    private String lastStart(String id) throws IOException {
        List<String> starts = Files.readAllLines(dir.resolve("cluster/nodes/" + id + "/node.log")).stream()
                .filter(l -> l.startsWith("# ")).toList();
        assertThat(starts).as("starts of node " + id).hasSizeGreaterThanOrEqualTo(2);
        return starts.get(starts.size() - 1);
    }

    /**
     * Data directories outlive {@code down}: {@code up} again goes on from them and says so;
     * {@code up --fresh} removes them, so the chains start from genesis with new wallets.
     */
    @Test
    void upAgainGoesOnFromTheEarlierChainsAndFreshStartsFromGenesis() throws Exception {
        ProcessRun first = cluster("up", "--config", config.toString(), "--chain", "regtest", "--tx-interval", "0");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).doesNotContain("earlier run");
        await().atMost(Duration.ofSeconds(60)).until(() -> heightOf(ls(), "5000") >= 8);
        long mined = heightOf(ls(), "5000");
        assertThat(cluster("down").code()).isZero();
        Path token = dir.resolve("cluster/nodes/5000/data/api.token");
        String firstToken = Files.readString(token);

        ProcessRun again = cluster("up", "--config", config.toString(), "--chain", "regtest", "--tx-interval", "0");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("the nodes go on from the chains and wallets of an earlier run "
                + "(nodes 5000, 5001, 5002); 'flint cluster up --fresh" + dirOption() + "' starts from genesis");
        assertThat(answeringHeight("5000")).as("the miner's chain came back").isGreaterThanOrEqualTo(mined);
        assertThat(Files.readString(token)).isEqualTo(firstToken);
        assertThat(cluster("down").code()).isZero();

        ProcessRun fresh = cluster("up", "--config", config.toString(), "--chain", "regtest", "--tx-interval", "0",
                "--fresh");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(fresh.out()).contains("removed the chains and wallets of an earlier run (nodes 5000, 5001, 5002): "
                + "every node started from genesis");
        assertThat(Files.readString(token)).as("a new data directory, a new token").isNotEqualTo(firstToken);
        // regtest mines a block a second: far below the height the first run reached
        assertThat(answeringHeight("5000")).isLessThan(mined);
    }

    /**
     * A fault lab's partition of a running cluster: the miner on one side, the rest on the other,
     * so the others stop growing; heal joins them and they catch up. Bad groups change nothing.
     */
    @Test
    void partitionSplitsARunningClusterAndHealJoinsItAgain() throws Exception {
        ProcessRun up = cluster("up", "--config", config.toString(), "--chain", "regtest", "--tx-interval", "0");
        assertThat(up.code()).as(up.err()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> heightOf(ls(), "5001") >= 2);

        // measured as the simulator reports: the miner's blocks, how far and fast they spread
        ProcessRun stats = cluster("stats", "--for", "6s", "--settle", "2s", "--json");
        assertThat(stats.code()).as(stats.err()).isZero();
        JsonNode measured = Json.MAPPER.readTree(stats.out());
        assertThat(measured.path("followed")).hasSize(3);
        assertThat(measured.path("counted").toString()).as("the light node connects no blocks")
                .isEqualTo("[\"5000\",\"5001\"]");
        assertThat(measured.path("blocks").path("mined").asLong()).as("regtest's miner finds about one a second")
                .isPositive();
        assertThat(measured.path("block_propagation").path("measured").asLong()).isPositive();
        assertThat(measured.path("block_propagation").path("levels").get(2).path("p50_ms").asDouble())
                .as("to both nodes: the relay took some time").isPositive();

        ProcessRun unknown = cluster("partition", "5000,5009");
        assertThat(unknown.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.err()).contains("node 5009 is not in the cluster");
        ProcessRun everyone = cluster("partition", "5000,5001,5002");
        assertThat(everyone.err()).contains("a partition needs two sides");
        assertThat(cluster("partition", "5000", "--for", "soon").code()).isEqualTo(ExitCodes.USAGE);

        ProcessRun split = cluster("partition", "5000", "--for", "10m");
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.out()).startsWith("partitioned into 5000 | 5001,5002: 4 bans for 10m; 'flint cluster heal"
                + dirOption() + "' joins them again");
        long cut = heightOf(ls(), "5001");
        long minerAtCut = heightOf(ls(), "5000");
        await().atMost(Duration.ofSeconds(60)).until(() -> heightOf(ls(), "5000") >= minerAtCut + 3);
        assertThat(heightOf(ls(), "5001")).as("nothing crosses: the full node stopped growing").isLessThanOrEqualTo(cut + 1);

        ProcessRun heal = cluster("heal");
        assertThat(heal.code()).as(heal.err()).isZero();
        assertThat(heal.out()).contains("lifted 4 partition bans");
        long minerNow = heightOf(ls(), "5000");
        await().atMost(Duration.ofSeconds(60)).until(() -> heightOf(ls(), "5001") >= minerNow);
        assertThat(cluster("heal").out()).contains("no partition bans to lift");

        // one slow, lossy node in the healed network: its own link, not the cluster's
        ProcessRun slow = cluster("add", "--link-delay", "300ms", "--link-loss", "10", "--no-watch");
        assertThat(slow.code()).as(slow.err()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("cluster/nodes/5003/node.log"))
                .contains("link simulation on (delay 300 ms, 10 % lost, no capacity limit)"));
        assertThat(Files.readString(dir.resolve("cluster/nodes/5001/node.log"))).doesNotContain("link simulation on");
        assertThat(cluster("add", "--link-loss", "100", "--no-watch").code()).isEqualTo(ExitCodes.USAGE);
        // crashed and brought back, it keeps its own link, as it keeps its backend and mode
        assertThat(cluster("kill", "5003").code()).isZero();
        assertThat(cluster("add", "--id", "5003", "--no-watch").code()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("cluster/nodes/5003/node.log"))
                .split("link simulation on \\(delay 300 ms, 10 % lost", -1).length == 3);
    }

    /** The node's height as soon as its API answers. */
    private long answeringHeight(String id) {
        AtomicLong height = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            height.set(heightOf(ls(), id));
            return height.get() >= 0;
        });
        return height.get();
    }

    private static long heightOf(JsonNode nodes, String id) {
        for (JsonNode n : nodes) {
            if (n.path("id").asText().equals(id)) {
                return n.path("height").asLong(-1);
            }
        }
        throw new AssertionError("no node " + id + " in " + nodes);
    }

    private static String roleOf(JsonNode nodes, String id) {
        for (JsonNode n : nodes) {
            if (n.path("id").asText().equals(id)) {
                return n.path("role").asText();
            }
        }
        throw new AssertionError("no node " + id + " in " + nodes);
    }

    /** {@code flint cluster ARGS --dir ...} with DOCKER_HOST a socket where no daemon is. */
    private ProcessRun clusterWithoutDocker(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("env", "DOCKER_HOST=unix://" + dir.resolve("no-docker.sock"),
                ProcessRun.ROOT.resolve("flint").toString(), "cluster"));
        all.addAll(List.of(args));
        all.addAll(List.of("--dir", dir.resolve("cluster").toString()));
        return ProcessRun.of(Duration.ofSeconds(150), all);
    }

    /**
     * A mixed cluster whose Docker daemon is gone: ls lists the local nodes and the container node
     * as unknown, kill names the daemon, down stops the local nodes and takes them off the list
     * but keeps the container node - each command with one line on stderr, exit 1.
     */
    @Test
    void withTheDockerDaemonGoneTheLocalNodesAreStillListedAndStopped() throws Exception {
        ProcessRun up = cluster("up", "--config", config.toString());
        assertThat(up.code()).as(up.err()).isZero();
        // a container node, as 'add --backend docker' records one
        Path registry = dir.resolve("cluster/cluster.json");
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(registry.toFile());
        root.withArray("nodes").addObject().put("id", "5009").put("backend", "docker").put("pid", 0)
                .put("container", "0123456789abcdef0123").put("host", host).put("p2p_port", 5009)
                .put("api_host", host).put("api_port", 7009)
                .put("data_dir", dir.resolve("cluster/nodes/5009/data").toString()).put("log_file", "")
                .put("role", "full").put("dynamic", true).put("started_at", java.time.Instant.now().toString());
        Files.writeString(registry, Json.pretty(root));
        String daemon = "cannot reach the Docker daemon at unix://" + dir.resolve("no-docker.sock");

        ProcessRun ls = clusterWithoutDocker("ls");
        assertThat(ls.code()).isEqualTo(1);
        assertThat(ls.out()).containsPattern("5000 .* (up|no answer)\\n").containsPattern("5001 .* (up|no answer)\\n")
                .containsPattern("5009 .* unknown \\(Docker daemon unreachable\\)\\n");
        assertThat(ls.err().strip()).startsWith("flint cluster ls: " + daemon)
                .endsWith("start one (see deploy/README.md) or set DOCKER_HOST").doesNotContain("\n");

        ProcessRun kill = clusterWithoutDocker("kill", "5009");
        assertThat(kill.code()).isEqualTo(1);
        assertThat(kill.err().strip()).startsWith("flint cluster kill: " + daemon).doesNotContain("Exception");

        ProcessRun down = clusterWithoutDocker("down");
        assertThat(down.code()).as(down.out()).isEqualTo(1);
        assertThat(down.out()).contains("node 5000 stopped (").contains("node 5001 stopped (").contains("node 5002 stopped (")
                .contains("node 5009 was not stopped: its Docker daemon cannot be reached; it stays listed")
                .contains("1 node was not stopped and stays listed");
        assertThat(down.err().strip()).startsWith("flint cluster down: " + daemon);
        assertThat(nodeProcesses()).as("the local nodes stopped").isEmpty();
        JsonNode left = Json.MAPPER.readTree(registry.toFile()).path("nodes");
        assertThat(left).as("only the container node stays listed").hasSize(1);
        assertThat(left.get(0).path("id").asText()).isEqualTo("5009");
    }

    @Test
    void theDemoChurnsAndStopsEverythingOnCtrlC() throws Exception {
        Path out = dir.resolve("demo.out");
        // what an earlier demo left there: --fresh removes it before any node starts
        Path earlier = Files.createDirectories(dir.resolve("demo/nodes/5000/data")).resolve("earlier-run");
        Files.writeString(earlier, "x");
        Process demo = startFlint(out, out, "demo", "--config", config.toString(), "--nodes-dir",
                dir.resolve("demo").toString(), "--churn-interval", "5", "--tx-interval", "1", "--fresh");
        try {
            // two joins and a leave take three churn rounds
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.readString(out).contains(" left: "));
            String text = Files.readString(out);
            assertThat(text).contains("3 nodes are up").contains("http://" + host + ":7001/")
                    .containsPattern("node 5003 joined: seen by \\d of \\d peers")
                    .containsPattern("node 5003 left: \\d+ transactions? handed over")
                    .contains("Removed the chains and wallets an earlier run left there (nodes 5000): every node "
                            + "started from genesis.");
            assertThat(earlier).doesNotExist();
            assertThat(nodeProcesses()).hasSizeGreaterThanOrEqualTo(4);

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
            assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops on Ctrl-C").isTrue();
            assertThat(Files.readString(out)).contains("stopping all nodes gracefully").containsPattern("\\d+ nodes stopped");
            assertThat(nodeProcesses()).as("no orphan node processes").isEmpty();
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void ctrlCWhileUpStartsNodesStopsThemAndSaysSo() throws Exception {
        Path out = dir.resolve("up.out");
        Path err = dir.resolve("up.err");
        Process up = startFlint(out, err, "cluster", "up", "--config", config.toString(), "--dir",
                dir.resolve("cluster").toString());
        try {
            // the nodes start one after another and then take seconds to listen: Ctrl-C comes meanwhile
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !nodeProcesses().isEmpty());
            new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).start().waitFor();
            assertThat(up.waitFor(90, TimeUnit.SECONDS)).as("up ends on Ctrl-C").isTrue();
            String said = Files.readString(err);
            assertThat(up.exitValue()).as(said).isEqualTo(ExitCodes.FAILURE);
            assertThat(said.strip()).startsWith("flint cluster up: interrupted; the ")
                    .contains(" were stopped, none is left running").doesNotContain("Exception");
            assertThat(Files.readString(out)).doesNotContain("nodes started from");
            assertThat(nodeProcesses()).as("no node left running").isEmpty();
            assertThat(ls()).as("nothing left registered").isEmpty();
        } finally {
            up.destroyForcibly();
        }
    }

    /** A demo that started nothing leaves nothing behind, not even the temp directory it made. */
    @Test
    void theDemoRefusesBusyPortsBeforeStartingAnything() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (java.net.ServerSocket busy = new java.net.ServerSocket()) {
            busy.bind(new java.net.InetSocketAddress(host, 7001));
            ProcessRun r = ProcessRun.of(Duration.ofSeconds(60), List.of("env", "FLINT_JAVA_OPTS=-Djava.io.tmpdir=" + tmp,
                    ProcessRun.ROOT.resolve("flint").toString(), "demo", "--config", config.toString(), "--duration", "5"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("flint demo: nothing was started: node 5001 HTTP: " + host
                    + ":7001 is already in use");
            assertThat(r.out()).as("the directory it removes is not named as where things are")
                    .doesNotContain(tmp.toString()).contains("starting the network of " + config + " ...");
            assertThat(nodeProcesses()).isEmpty();
            try (java.util.stream.Stream<Path> left = Files.list(tmp)) {
                assertThat(left).as("the demo's temp directory is gone").isEmpty();
            }
        }
    }

    /**
     * Nodes dying under the demo (not its own churn) are named with how they ended; once all are
     * dead the demo says so and ends by itself, counting them as dead rather than stopped.
     */
    @Test
    void theDemoNamesNodesThatDieAndEndsWhenAllHave() throws Exception {
        Path out = dir.resolve("demo.out");
        // what an earlier demo in this --nodes-dir left of node 5001 (its data directory): the demo says so
        Files.createDirectories(dir.resolve("demo/nodes/5001/data"));
        Process demo = startFlint(out, out, "demo", "--config", config.toString(), "--nodes-dir",
                dir.resolve("demo").toString(), "--no-churn");
        try {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.readString(out).contains("3 nodes are up"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("Ctrl-C stops everything"));
            assertThat(Files.readString(out)).contains("The nodes go on from the chains and wallets an earlier run left "
                    + "there (nodes 5001); --fresh, or a demo without --nodes-dir, starts from genesis.");
            node("5001").destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.readString(out).contains("node 5001 died ("));
            assertThat(Files.readString(out)).contains("node 5001 died (exit code 137, killed by SIGKILL; see "
                    + dir.resolve("demo/nodes/5001/node.log") + ")");
            node("5000").destroyForcibly();
            node("5002").destroyForcibly();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ends once every node is dead").isTrue();
            String text = Files.readString(out);
            assertThat(text).contains("node 5000 died (").contains("node 5002 died (")
                    .contains("every node of the network has died: the demo ends")
                    .contains("0 nodes stopped, 3 were already dead (5000, 5001, 5002)");
            assertThat(text.split("node 5001 died", -1)).as("each death is told once").hasSize(2);
        } finally {
            demo.destroyForcibly();
        }
    }

    private ProcessHandle node(String id) {
        return nodeProcesses().stream().filter(p -> p.info().commandLine().orElse("").contains(" --id " + id + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no process of node " + id));
    }

    /** Ctrl-C before add has reported takes the add back, as up does: the node stops and leaves the list. */
    @Test
    void ctrlCWhileAddStartsANodeStopsItAndSaysSo() throws Exception {
        ProcessRun up = cluster("up", "--config", config.toString(), "--tx-interval", "0");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("payments: none (--tx-interval 0)");
        Path err = dir.resolve("add.err");
        Process add = startFlint(dir.resolve("add.out"), err, "cluster", "add", "--dir", dir.resolve("cluster").toString());
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> nodeProcesses().stream()
                            .anyMatch(p -> p.info().commandLine().orElse("").contains(" --id 5003 ")));
            new ProcessBuilder("kill", "-INT", Long.toString(add.pid())).start().waitFor();
            assertThat(add.waitFor(90, TimeUnit.SECONDS)).as("add ends on Ctrl-C").isTrue();
            String said = Files.readString(err);
            assertThat(add.exitValue()).as(said).isEqualTo(ExitCodes.FAILURE);
            assertThat(said.strip()).isEqualTo("flint cluster add: interrupted; node 5003, which it had started, was "
                    + "stopped and taken off the list; nothing is left running");
            assertThat(nodeProcesses()).as("only the three of up run").hasSize(3);
            assertThat(ls()).extracting(n -> n.path("id").asText()).containsExactly("5000", "5001", "5002");
            assertThat(dir.resolve("cluster/nodes/5003")).as("nothing of the add is left").doesNotExist();
        } finally {
            add.destroyForcibly();
        }
    }

    private static long pidOf(JsonNode nodes, String id) {
        for (JsonNode n : nodes) {
            if (n.path("id").asText().equals(id)) {
                return n.path("pid").asLong();
            }
        }
        throw new AssertionError("no node " + id + " in " + nodes);
    }
}
