package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.node.config.ClusterConfig;
import io.flint.node.config.PeerSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the manager refuses before anything starts, and what a failed add leaves behind. No node
 * ever runs here: the checks fail first, which is the point, and the one process started (a JVM
 * with no node in it, which exits at once) is a node failing to start.
 */
class ClusterManagerTest {
    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    private ClusterManager manager() {
        ClusterDirectory dir = new ClusterDirectory(tmp.resolve("cluster"));
        NodeProgram program = NodeProgram.forRunningCode(ClusterManagerTest.class, NodeProgram.DEFAULT_JVM_OPTIONS);
        return new ClusterManager(new ClusterRegistry(dir), name -> new LocalProcessBackend(program, Clock.systemUTC()),
                new NodeApi(Duration.ofMillis(200)), progress::add);
    }

    private static String randomHost() {
        return Ports.randomLoopbackHost(new SplittableRandom());
    }

    private Path config(String host, int first) throws Exception {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, "{\"peers\": {"
                + "\"a\": {\"ip\": \"" + host + "\", \"port\": " + first + "},"
                + "\"b\": {\"ip\": \"" + host + "\", \"port\": " + (first + 1) + "}}, \"dynamic_discovery\": true}");
        return file;
    }

    /**
     * {@code up --fresh} removes nothing while a process has one of those chain stores open (a node
     * started by hand on a directory of the cluster): a child process takes the same POSIX lock
     * RocksDB keeps on the store's LOCK file.
     */
    @Test
    void freshRemovesNoChainAProcessHoldsOpen() throws Exception {
        ClusterManager m = manager();
        Path held = Files.createDirectories(m.registry().directory().dataDir("a").resolve("chain"));
        Files.writeString(held.resolve("LOCK"), "");
        Path free = Files.createDirectories(m.registry().directory().dataDir("b").resolve("chain"));
        Files.writeString(free.resolve("LOCK"), "");
        assertThat(ChainStoreLock.held(free)).isFalse();
        assertThat(ChainStoreLock.held(tmp)).as("no store at all").isFalse();
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl, sys, time\n"
                + "f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(120)",
                held.resolve("LOCK").toString()).redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine())
                    .isEqualTo("locked");
            assertThat(ChainStoreLock.held(held)).isTrue();
            assertThatThrownBy(() -> m.up(new ClusterManager.UpOptions(config(randomHost(), 5000), "local", "regtest",
                    Optional.empty(), List.of(), true)))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("the data directory of node a in " + m.registry().directory().nodesRoot()
                            + " is in use by a running process (a node started by hand?): stop it first; nothing was "
                            + "removed or started");
            assertThat(held).as("nothing removed").exists();
            assertThat(free).as("not even the free one").exists();
            assertThat(m.registry().nodes()).isEmpty();
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertThat(ChainStoreLock.held(held)).as("released with its process").isFalse();
    }

    /** Nodes that would go on from chains of another network: up says what to do before starting any. */
    @Test
    void upOnChainsOfAnotherNetworkSaysChainOrFreshBeforeStartingAny() throws Exception {
        ClusterManager m = manager();
        Files.createDirectories(m.registry().directory().dataDir("a").resolve("chain"));
        m.registry().saveSettings(new ClusterSettings("demo", tmp.resolve("old.json")));

        assertThatThrownBy(() -> m.up(new ClusterManager.UpOptions(config(randomHost(), 5000), "local", "regtest",
                Optional.empty())))
                .isInstanceOf(ClusterException.class)
                .hasMessage("node a has demo chains from an earlier run in " + m.registry().directory().nodesRoot()
                        + ", and a node refuses a data directory of another network: '--chain demo' goes on with them, "
                        + "'--fresh' removes them and starts regtest chains from genesis; nothing was started");
        assertThat(m.registry().nodes()).isEmpty();
        assertThat(m.earlierChains()).containsExactly("a");
    }

    @Test
    void aBusyPortStopsUpBeforeAnyNodeStarts() throws Exception {
        String host = randomHost();
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            int port = busy.getLocalPort() - 1;   // node b gets the busy port
            ClusterManager m = manager();
            assertThatThrownBy(() -> m.up(new ClusterManager.UpOptions(config(host, port), "local", "regtest",
                    Optional.empty())))
                    .isInstanceOf(ClusterException.class)
                    .hasMessageStartingWith("nothing was started: node b P2P: " + host + ":" + busy.getLocalPort()
                            + " is already in use");
            assertThat(m.registry().nodes()).isEmpty();
            assertThat(Files.exists(m.registry().directory().nodeDir("a"))).as("no node directory made").isFalse();
        }
    }

    @Test
    void anAddressOfAnotherMachineIsRefusedByName() throws Exception {
        Path file = tmp.resolve("seed.json");
        // the seed's docker addresses are not this machine's
        Files.writeString(file, "{\"peers\": {\"5000\": {\"ip\": \"192.0.2.10\", \"port\": 5000}}}");
        assertThatThrownBy(() -> manager().up(new ClusterManager.UpOptions(file, "local", "demo", Optional.empty())))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("192.0.2.10 is not an address of this machine");
    }

    @Test
    void aBadConfigOrUnknownNodeIsNamed() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"peers\": {\"5000\": {\"ip\": \"127.0.0.1\"}}}");
        ClusterManager m = manager();
        assertThatThrownBy(() -> m.up(new ClusterManager.UpOptions(file, "local", "demo", Optional.empty())))
                .isInstanceOf(ClusterException.class).hasMessageContaining("\"port\" is missing");
        assertThatThrownBy(() -> m.remove("5099")).isInstanceOf(ClusterException.class)
                .hasMessageContaining("no node 5099").hasMessageContaining("it has no nodes");
        assertThatThrownBy(() -> m.kill("5099")).isInstanceOf(ClusterException.class).hasMessageContaining("no node 5099");
        assertThat(m.down()).isEmpty();
        assertThat(m.list()).isEmpty();
    }

    /** The JDK's message for a directory it cannot make is often only its path, which the error already names. */
    @Test
    void aClusterDirectoryThatCannotBeMadeSaysWhy() throws Exception {
        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "x");
        Path under = file.resolve("cluster");
        assertThatThrownBy(() -> new ClusterDirectory(under).create()).isInstanceOf(ClusterException.class)
                .hasMessage("cannot create the cluster directory " + under + ": Not a directory");
        assertThatThrownBy(() -> new ClusterDirectory(file).create()).isInstanceOf(ClusterException.class)
                .hasMessage("cannot create the cluster directory " + file + ": " + file + " is a file, not a directory");
        Path proc = Path.of("/proc/flint-no-such-dir");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertThatThrownBy(() -> new ClusterDirectory(proc).create()).isInstanceOf(ClusterException.class)
                    .hasMessage("cannot create the cluster directory " + proc + ": no such file");
        }
    }

    @Test
    void anIdThatCannotBeANodeIdIsRefused() throws Exception {
        ClusterManager m = manager();
        Path file = config(randomHost(), 5000);
        // "." and ".." are directory names of their own: nodes/.. is the cluster directory itself
        for (String id : List.of("a b", "..", ".", "../../etc", "a/b", ".hidden")) {
            assertThatThrownBy(() -> m.add(new ClusterManager.AddOptions(Optional.of(id), "local", Optional.empty(),
                    file, "demo", false, false, Optional.empty(), false)))
                    .as(id).isInstanceOf(ClusterException.class).hasMessageContaining("node id '" + id + "' must be");
        }
        assertThat(m.registry().directory().root()).as("nothing written for a refused id").doesNotExist();
        assertThat(ClusterManager.whyNotAnId("5011")).isEmpty();
        assertThat(ClusterManager.whyNotAnId("node-1.a_b")).isEmpty();
    }

    private Path writeConfig(String json) throws Exception {
        Path file = tmp.resolve("clash.json");
        Files.writeString(file, json);
        return file;
    }

    private void assertUpRefused(Path file, String message) {
        ClusterManager m = manager();
        assertThatThrownBy(() -> m.up(new ClusterManager.UpOptions(file, "local", "regtest", Optional.empty())))
                .isInstanceOf(ClusterException.class).hasMessage(message);
        assertThat(m.registry().nodes()).isEmpty();
        assertThat(m.registry().directory().root().resolve("nodes")).doesNotExist();
    }

    @Test
    void upRefusesAConfigWhoseHttpPortIsAnotherNodesP2pPort() throws Exception {
        String host = randomHost();
        // each port is free on its own; together the second node's P2P port takes the first's HTTP API
        assertUpRefused(writeConfig("{\"peers\": {"
                + "\"6020\": {\"ip\": \"" + host + "\", \"port\": 6020, \"api_port\": 6021},"
                + "\"6021\": {\"ip\": \"" + host + "\", \"port\": 6021}}}"),
                "nothing was started: node 6020's HTTP port and node 6021's P2P port are both " + host
                        + ":6021 (every port of a host must differ)");
    }

    @Test
    void upRefusesSharedHttpPortsAndAnHttpPortOnItsOwnP2pPort() throws Exception {
        String host = randomHost();
        assertUpRefused(writeConfig("{\"peers\": {"
                + "\"a\": {\"ip\": \"" + host + "\", \"port\": 6030, \"api_port\": 6030},"
                + "\"b\": {\"ip\": \"" + host + "\", \"port\": 6031, \"api_port\": 6040},"
                + "\"c\": {\"ip\": \"" + host + "\", \"port\": 6032, \"api_port\": 6040}}}"),
                "nothing was started: node a's P2P and HTTP ports are both " + host + ":6030 (every port of a host must"
                        + " differ); node b's HTTP port and node c's HTTP port are both " + host + ":6040 (every port"
                        + " of a host must differ)");
    }

    @Test
    void theSamePortOnTwoLoopbackHostsIsNoClash() throws Exception {
        String one = randomHost();
        String two = "127.0.0." + (1 + new SplittableRandom().nextInt(254));
        Path file = writeConfig("{\"peers\": {"
                + "\"a\": {\"ip\": \"" + one + "\", \"port\": 6050},"
                + "\"b\": {\"ip\": \"" + two + "\", \"port\": 6050}}}");
        try (ServerSocket busy = new ServerSocket()) {
            // so up stops at the port check, after the clash check let the config through
            busy.bind(new InetSocketAddress(InetAddress.getByName(two), 8050));
            ClusterManager m = manager();
            assertThatThrownBy(() -> m.up(new ClusterManager.UpOptions(file, "local", "regtest", Optional.empty())))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("nothing was started: node b HTTP: " + two + ":8050 is already in use");
        }
    }

    @Test
    void addOnAnAddressOfAnotherMachineSaysSoAndLeavesNoTrace() throws Exception {
        ClusterManager m = manager();
        Path file = config(randomHost(), 6000);
        assertThatThrownBy(() -> m.add(new ClusterManager.AddOptions(Optional.empty(), "local",
                Optional.of("192.0.2.10"), file, "demo", false, false, Optional.empty(), false)))
                .isInstanceOf(ClusterException.class)
                // ids a and b on 6000 and 6001: the next id and port follow the cluster's ports, not a fixed 5011
                .hasMessage("nothing was started: node 6002 P2P: 192.0.2.10 is not an address of this machine"
                        + " (cannot listen on 192.0.2.10:6002)");
        assertThat(m.registry().directory().nodeDir("6002")).doesNotExist();
    }

    @Test
    void anAddWhoseBackendCannotRunLeavesNoTraceAndItsIdIsFreeAgain() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(tmp.resolve("cluster"));
        DockerBackend noDaemon = new DockerBackend("unix://" + tmp.resolve("no-docker.sock"), DockerBackend.DEFAULT_IMAGE,
                DockerBackend.DEFAULT_NETWORK, dir, Clock.systemUTC());
        ClusterManager m = new ClusterManager(new ClusterRegistry(dir), name -> noDaemon,
                new NodeApi(Duration.ofMillis(200)), progress::add);
        Path file = config(randomHost(), 6000);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> m.add(new ClusterManager.AddOptions(Optional.empty(), "docker", Optional.empty(),
                    file, "demo", false, true, Optional.empty(), false)))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("cannot reach the Docker daemon");
            assertThat(dir.nodeDir("6002")).as("attempt " + attempt).doesNotExist();
        }
        assertThat(m.registry().settings()).as("a first add that failed records no settings").isEmpty();
        assertThat(dir.bootstrapConfig()).doesNotExist();
    }

    private ClusterConfig bootstrap(String json) throws Exception {
        Path file = tmp.resolve("bootstrap-" + json.hashCode() + ".json");
        Files.writeString(file, json);
        return ClusterConfig.load(file);
    }

    /** The demo's churn adds and removes nodes for hours: the ids (and ports) of those that left come back. */
    @Test
    void aNewNodeTakesTheLowestIdAboveTheBootstrapSetThatIsNeitherListedNorOnBusyPorts() throws Exception {
        StringBuilder peers = new StringBuilder();
        for (int id = 5000; id <= 5010; id++) {
            peers.append(id == 5000 ? "" : ",").append("\"").append(id).append("\": {\"ip\": \"127.0.0.1\", \"port\": ")
                    .append(id).append('}');
        }
        ClusterConfig seeds = bootstrap("{\"peers\": {" + peers + "}}");
        java.util.function.IntPredicate allFree = p -> true;
        assertThat(ClusterManager.nextId(seeds, Set.of(), allFree)).isEqualTo("5011");
        assertThat(ClusterManager.nextId(seeds, Set.of("5011", "5012"), allFree)).isEqualTo("5013");
        assertThat(ClusterManager.nextId(seeds, Set.of("5012", "5013"), allFree)).as("5011 left: its id is free again")
                .isEqualTo("5011");
        assertThat(ClusterManager.nextId(seeds, Set.of("5012"), p -> p != 5011)).as("5011's ports are busy")
                .isEqualTo("5013");
        // ids that are no numbers: the number above the highest port
        ClusterConfig named = bootstrap("{\"peers\": {\"c50\": {\"ip\": \"127.0.0.1\", \"port\": 7550},"
                + " \"c54\": {\"ip\": \"127.0.0.1\", \"port\": 7554}}}");
        assertThat(ClusterManager.nextId(named, Set.of(), allFree)).isEqualTo("7555");
        assertThatThrownBy(() -> ClusterManager.nextId(seeds, Set.of(), p -> false))
                .isInstanceOf(ClusterException.class).hasMessage("no free node id in 5011..5510: each is a listed "
                        + "node's, or its ports are taken; give --id ID");
    }

    /** A node keeps its bootstrap peers for good: a new node is not given those that no longer run. */
    @Test
    void aNewNodesBootstrapPeersAreTheBootstrapNodesThatRunNow() throws Exception {
        ClusterConfig seeds = bootstrap("{\"peers\": {\"5000\": {\"ip\": \"127.0.0.1\", \"port\": 5000},"
                + " \"5001\": {\"ip\": \"127.0.0.1\", \"port\": 5001}, \"5002\": {\"ip\": \"127.0.0.1\", \"port\": 5002}}}");
        assertThat(ClusterManager.runningBootstrap(seeds, Set.of("5001", "5002", "5011")).keySet())
                .as("5000 was removed").containsExactly("5001", "5002");
        assertThat(ClusterManager.runningBootstrap(seeds, Set.of("5011")).keySet())
                .as("none of them runs: all, or the node would know nobody").containsExactly("5000", "5001", "5002");
    }

    @Test
    void anAddWithoutIdTakesTheIdOfANodeThatLeftAndKeepsWhatItLeft() throws Exception {
        // the program is this test class, which has no main: the node "exits while starting", naming its id
        ClusterManager m = manager();
        Path file = config(randomHost(), 6000);
        Path left = m.registry().directory().logFile("6002");
        Files.createDirectories(left.getParent());
        Files.writeString(left, "the log of a node 6002 that was removed\n");
        assertThatThrownBy(() -> m.add(new ClusterManager.AddOptions(Optional.empty(), "local", Optional.empty(),
                file, "demo", false, false, Optional.empty(), false)))
                .isInstanceOf(ClusterException.class).hasMessageStartingWith("node 6002 exited while starting");
        assertThat(left).as("a failed add takes back only what it wrote").exists();
        assertThat(m.registry().nodes()).isEmpty();
    }

    @Test
    void aNodeThatExitsWhileStartingLeavesNoTrace() throws Exception {
        // the program is this test class, which has no main: the JVM exits at once, as a broken node would
        ClusterManager m = manager();
        Path file = config(randomHost(), 6000);
        assertThatThrownBy(() -> m.add(new ClusterManager.AddOptions(Optional.of("6101"), "local", Optional.empty(),
                file, "demo", false, false, Optional.of(2.0), false)))
                .isInstanceOf(ClusterException.class).hasMessageStartingWith("node 6101 exited while starting");
        assertThat(m.registry().directory().nodeDir("6101")).doesNotExist();
        assertThat(m.registry().nodes()).isEmpty();
    }

    /**
     * A cluster of a local node and a container node whose Docker daemon is gone (as after a
     * reboot without dockerd): the local node is listed and stopped as always; the container node
     * is listed as unknown, not dead, kill and remove name the daemon, and down keeps it listed
     * while it takes the local node out of the list.
     */
    @Test
    void withTheDockerDaemonDownLocalNodesAreStillHandledAndContainerNodesStayListed() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(tmp.resolve("cluster"));
        String socket = "unix://" + tmp.resolve("no-docker.sock");
        NodeProgram program = NodeProgram.forRunningCode(ClusterManagerTest.class, NodeProgram.DEFAULT_JVM_OPTIONS);
        ClusterManager m = new ClusterManager(new ClusterRegistry(dir), name -> name.equals("docker")
                ? new DockerBackend(socket, DockerBackend.DEFAULT_IMAGE, DockerBackend.DEFAULT_NETWORK, dir, Clock.systemUTC())
                : new LocalProcessBackend(program, Clock.systemUTC()), new NodeApi(Duration.ofMillis(200)), progress::add);
        String host = randomHost();
        // a process the local backend takes for node 6301 (its command line says so) that ends on SIGTERM
        Process local = new ProcessBuilder("sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done", "flint", "node",
                "--id", "6301", "x").start();
        try {
            NodeEntry localNode = new NodeEntry("6301", "local", local.pid(), "", host, 6301, host, 8301,
                    dir.dataDir("6301"), dir.logFile("6301").toString(), "full", true, Instant.now());
            NodeEntry container = new NodeEntry("6302", "docker", 0, "0123456789abcdef", host, 6302, host, 8302,
                    dir.dataDir("6302"), "", "full", true, Instant.now());
            register(m, localNode, container);

            List<NodeRow> rows = m.list();
            assertThat(rows).extracting(NodeRow::state).containsExactly("no answer", "unknown");
            assertThat(rows.get(1).stateText()).isEqualTo("unknown (Docker daemon unreachable)");
            assertThat(m.unreachableBackends()).singleElement().asString()
                    .startsWith("cannot reach the Docker daemon at " + socket + " (")
                    .endsWith("start one (see deploy/README.md) or set DOCKER_HOST");
            assertThatThrownBy(() -> m.kill("6302")).isInstanceOf(BackendUnreachableException.class)
                    .hasMessageStartingWith("cannot reach the Docker daemon at " + socket);
            assertThatThrownBy(() -> m.remove("6302")).isInstanceOf(BackendUnreachableException.class)
                    .hasMessageStartingWith("cannot reach the Docker daemon at " + socket);

            List<LeaveReport> down = m.down();
            assertThat(down).extracting(LeaveReport::how).containsExactly("SIGTERM", LeaveReport.UNREACHABLE);
            assertThat(down.get(1).sentence())
                    .isEqualTo("node 6302 was not stopped: its Docker daemon cannot be reached; it stays listed");
            assertThat(local.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("the local node stopped").isTrue();
            assertThat(m.registry().nodes()).as("what down stopped leaves the list; the unknown node stays")
                    .extracting(NodeEntry::id).containsExactly("6302");
        } finally {
            local.destroyForcibly();
        }
    }

    /** Puts nodes in the manager's registry as if it had started them. */
    private static void register(ClusterManager m, NodeEntry... nodes) {
        try (ClusterRegistry.Held lock = m.registry().lock()) {
            for (NodeEntry n : nodes) {
                m.registry().put(n);
            }
        }
    }

    /** A registered node whose process is gone: the pid of a process that ran and exited. */
    private NodeEntry deadNode(ClusterManager m, String id) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        ClusterDirectory dir = m.registry().directory();
        return new NodeEntry(id, "local", gone.pid(), "", "127.0.0.1", 6200, "127.0.0.1", 8200, dir.dataDir(id),
                dir.logFile(id).toString(), "full", true, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aDeadNodeStaysListedWithWhyUntilRemoveOrDownWhichTakeItQuietly() throws Exception {
        ClusterManager m = manager();
        NodeEntry killed = deadNode(m, "6201").endedBy("killed by 'flint cluster kill' (SIGKILL)");
        NodeEntry crashed = deadNode(m, "6202");
        register(m, killed, crashed);

        List<NodeRow> rows = m.list();
        assertThat(rows).extracting(NodeRow::state).containsExactly("dead", "dead");
        assertThat(rows.get(0).deathReason()).hasValue("killed by 'flint cluster kill' (SIGKILL)");
        assertThat(rows.get(1).deathReason()).hasValue("exited without flint cluster stopping it: a crash, or a signal from another program; see " + crashed.logFile());

        LeaveReport again = m.kill("6202");
        assertThat(again.how()).isEqualTo(LeaveReport.ALREADY_DEAD);
        assertThat(again.sentence()).isEqualTo("node 6202 was already dead (exited without flint cluster stopping it: a crash, or a signal from another program; see "
                + crashed.logFile() + ")");
        assertThat(m.registry().node("6202")).as("kill leaves a dead node listed").isPresent();

        LeaveReport removed = m.remove("6201");
        assertThat(removed.exited()).isTrue();
        assertThat(removed.sentence()).isEqualTo("node 6201 was already dead (killed by 'flint cluster kill' (SIGKILL))");
        assertThat(m.registry().node("6201")).isEmpty();

        assertThat(m.down()).extracting(LeaveReport::how).containsExactly(LeaveReport.ALREADY_DEAD);
        assertThat(m.registry().nodes()).isEmpty();
    }

    @Test
    void aFailedAddLeavesTheDeadNodesListed() throws Exception {
        ClusterManager m = manager();
        NodeEntry dead = deadNode(m, "6203").endedBy("killed by 'flint cluster kill' (SIGKILL)");
        try (ClusterRegistry.Held lock = m.registry().lock()) {
            m.registry().put(dead);
        }
        Path file = config(randomHost(), 6000);
        assertThatThrownBy(() -> m.add(new ClusterManager.AddOptions(Optional.of("6102"), "local", Optional.empty(),
                file, "demo", false, false, Optional.empty(), false)))
                .isInstanceOf(ClusterException.class).hasMessageStartingWith("node 6102 exited while starting");
        assertThat(m.registry().nodes()).containsExactly(dead);
    }

    @Test
    void portsTellInUseFromForeignAddresses() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.whyNotFree("127.0.0.1", s.getLocalPort())).hasValueSatisfying(r -> assertThat(r)
                    .endsWith("is already in use"));
            assertThat(Ports.listening("127.0.0.1", s.getLocalPort())).isTrue();
        }
        assertThat(Ports.whyNotFree("no-such-host.invalid", 5000)).hasValue("no-such-host.invalid is not a known host");
        assertThat(Ports.isLoopback("127.9.8.7")).isTrue();
        assertThat(Ports.isLoopback("192.0.2.1")).isFalse();
        assertThat(ClusterManager.apiHost("127.9.8.7")).isEqualTo("127.9.8.7");
        assertThat(ClusterManager.apiHost("192.0.2.1")).isEqualTo("127.0.0.1");
    }

    @Test
    void nodesRunFromTheJarOrFromTheClassPathWithTheSameGrants() {
        NodeProgram p = NodeProgram.forRunningCode(ClusterManagerTest.class, List.of("-Xmx64m"));
        assertThat(p.command().get(0)).endsWith("/bin/java");
        assertThat(p.command()).contains("-Xmx64m");
        // test classes are a directory: the class path and main class, with the jar manifest's opens
        assertThat(p.command()).contains("-cp", "java.base/sun.security.provider=ALL-UNNAMED");
        assertThat(p.command().get(p.command().size() - 1)).isEqualTo(ClusterManagerTest.class.getName());
        assertThat(NodeProgram.jvmOptions(" -Xmx1g  -Dx=1 ")).containsExactly("-Xmx1g", "-Dx=1");
        assertThat(NodeProgram.jvmOptions(null)).isEqualTo(NodeProgram.DEFAULT_JVM_OPTIONS);
    }

    /**
     * {@code cluster add} could make no malicious or NATed node: only a config given to {@code up}
     * could. The node's own config entry now takes --mode, --nat and --local-network-id, and a
     * node added again keeps what it was given unless told otherwise.
     */
    @Test
    void aDynamicNodeTakesModeNatAndLocalNetworkAndKeepsThemWhenAddedAgain() {
        ClusterManager.Traits attackerBehindNat = new ClusterManager.Traits(Optional.of("malicious"), Optional.of(true),
                Optional.of("lan-a"));
        PeerSpec first = ClusterManager.selfSpec("20011", "127.0.0.200", 20_011, 20_511, false, false, Optional.empty(),
                attackerBehindNat);
        assertThat(first.malicious()).isTrue();
        assertThat(first.nat()).isTrue();
        assertThat(first.localNetworkId()).isEqualTo("lan-a");
        assertThat(first.role()).isEqualTo("full+malicious+nat");

        PeerSpec again = ClusterManager.selfSpec("20011", "127.0.0.200", 20_011, 20_511, false, false, Optional.of(first),
                ClusterManager.Traits.AS_RECORDED);
        assertThat(again).as("add --id without the options").isEqualTo(first);

        PeerSpec honest = ClusterManager.selfSpec("20011", "127.0.0.200", 20_011, 20_511, false, false, Optional.of(first),
                new ClusterManager.Traits(Optional.of("normal"), Optional.of(false), Optional.empty()));
        assertThat(honest.role()).isEqualTo("full");
        assertThat(honest.localNetworkId()).as("not named: as recorded").isEqualTo("lan-a");

        PeerSpec fresh = ClusterManager.selfSpec("20012", "127.0.0.200", 20_012, 20_512, false, false, Optional.empty(),
                ClusterManager.Traits.AS_RECORDED);
        assertThat(fresh.role()).isEqualTo("full");
        assertThat(fresh.localNetworkId()).isEmpty();
    }

    /** A bootstrap peer's traits are the cluster config's: the options are refused, and nothing is left. */
    @Test
    void modeNatAndLocalNetworkAreRefusedForABootstrapPeer() throws Exception {
        ClusterManager m = manager();
        Path config = config("127.0.0.200", 20_100);
        assertThatThrownBy(() -> m.add(new ClusterManager.AddOptions(Optional.of("a"), "local", Optional.empty(), config,
                "regtest", false, false, Optional.empty(), false, new ClusterManager.Traits(Optional.empty(),
                        Optional.of(true), Optional.empty()), List.of())))
                .isInstanceOf(ClusterException.class)
                .hasMessage("node a is a bootstrap peer: its mode, NAT and local network are those of "
                        + m.registry().directory().bootstrapConfig() + " (--mode, --nat and --local-network-id are for "
                        + "dynamic nodes); nothing was started");
        assertThat(m.registry().nodes()).isEmpty();
        assertThat(m.registry().directory().nodeDir("a")).doesNotExist();
    }
}
