package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the manager refuses before anything starts. No node process is ever started here: the
 * checks fail first, which is the point.
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

    @Test
    void anIdThatCannotBeANodeIdIsRefused() throws Exception {
        ClusterManager m = manager();
        Path file = config(randomHost(), 5000);
        assertThatThrownBy(() -> m.add(new ClusterManager.AddOptions(Optional.of("a b"), "local", Optional.empty(),
                file, "demo", false, false, Optional.empty(), false)))
                .isInstanceOf(ClusterException.class).hasMessageContaining("node id 'a b'");
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
}
