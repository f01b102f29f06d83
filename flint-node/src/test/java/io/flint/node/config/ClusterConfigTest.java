package io.flint.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theShippedConfigsHoldTheSeedsElevenPeersWithTheirRoles() {
        for (String name : new String[] {"config.json", "config.local.json"}) {
            ClusterConfig config = ClusterConfig.load(ROOT.resolve(name));
            assertThat(config.peers()).as(name).hasSize(11).containsKeys("5000", "5010");
            assertThat(config.dynamicDiscovery()).isTrue();
            assertThat(config.peer("5000").orElseThrow().malicious()).isTrue();
            assertThat(config.peer("5010").orElseThrow().nat()).isTrue();
            assertThat(config.peers().values()).filteredOn(PeerSpec::light).isNotEmpty();
            assertThat(config.peers().values()).filteredOn(PeerSpec::mine).hasSizeGreaterThanOrEqualTo(2);
            assertThat(config.peer("5003").orElseThrow().apiPort()).isEqualTo(7003);
        }
        assertThat(ClusterConfig.load(ROOT.resolve("config.local.json")).peers().values())
                .allSatisfy(p -> assertThat(p.ip()).isEqualTo("127.0.0.1"));
        assertThat(ClusterConfig.load(ROOT.resolve("config.json")).peer("5000").orElseThrow().ip())
                .isEqualTo("172.28.0.10");
    }

    @Test
    void theSeedsMinimalShapeIsAccepted() {
        ClusterConfig c = ClusterConfig.parse("""
                {"peers": {"5000": {"ip": "172.28.0.10", "port": 5000, "fanout": 1, "mode": "malicious"},
                           "5010": {"ip": "172.28.0.20", "port": 5010, "fanout": 1, "nat": true}},
                 "dynamic_discovery": true, "something_new": [1, 2]}""");
        assertThat(c.peer("5010").orElseThrow().nat()).isTrue();
        assertThat(c.peer("5000").orElseThrow().role()).isEqualTo("full+malicious");
    }

    /**
     * A node added to a cluster puts its HTTP port as far above its P2P port as the bootstrap
     * peers do: a researcher's config with HTTP ports 10000 above had every new node take one 2000
     * above, outside the ports the experiment had to stay in (tester finding).
     */
    @Test
    void theHttpPortOffsetOfANewNodeIsTheOneEveryPeerKeeps() {
        assertThat(ClusterConfig.load(ROOT.resolve("config.local.json")).httpPortOffset()).isEqualTo(2000);
        assertThat(ClusterConfig.parse("""
                {"peers": {"19101": {"ip": "127.0.0.101", "port": 19101, "api_port": 29101},
                           "19102": {"ip": "127.0.0.102", "port": 19102, "api_port": 29102}}}
                """).httpPortOffset()).isEqualTo(10_000);
        assertThat(ClusterConfig.parse("""
                {"peers": {"a": {"ip": "127.0.0.1", "port": 6001, "api_port": 6500},
                           "b": {"ip": "127.0.0.1", "port": 6002, "api_port": 9000}}}
                """).httpPortOffset()).as("no common distance: the seeds' 2000").isEqualTo(2000);
        assertThat(ClusterConfig.parse("""
                {"peers": {"a": {"ip": "127.0.0.1", "port": 6001, "api_port": 5001}}}
                """).httpPortOffset()).as("below the P2P port: the seeds' 2000").isEqualTo(2000);
    }

    @Test
    void roundTripsThroughJson() {
        ClusterConfig c = ClusterConfig.load(ROOT.resolve("config.local.json"));
        assertThat(ClusterConfig.parse(c.toJson())).isEqualTo(c);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ClusterConfig.parse("{\"peers\": {\"5000\": {\"ip\": \"x\", \"port\": \"5000\"}}}"))
                .isInstanceOf(ConfigException.class).hasMessage("peer 5000: \"port\" must be a whole number, not \"5000\"");
        assertThatThrownBy(() -> ClusterConfig.parse("{\"peers\": {\"5000\": {\"port\": 5000}}}"))
                .hasMessage("peer 5000: \"ip\" is missing");
        assertThatThrownBy(() -> ClusterConfig.parse("{\"peers\": {\"5000\": {\"ip\": \"a\", \"port\": 70000}}}"))
                .hasMessageContaining("port 70000 is outside 1..65535");
        assertThatThrownBy(() -> ClusterConfig.parse("{\"peers\": {\"5000\": {\"ip\": \"a\", \"port\": 1, \"mode\": \"evil\"}}}"))
                .hasMessageContaining("mode 'evil' must be normal or malicious");
        assertThatThrownBy(() -> ClusterConfig.parse("{\"peers\": 3}")).hasMessageContaining("\"peers\" must be an object");
        assertThatThrownBy(() -> ClusterConfig.parse("{\"peers\": {")).hasMessageContaining("not valid JSON (line 1");
        assertThatThrownBy(() -> ClusterConfig.parse(
                "{\"peers\": {\"a\": {\"ip\": \"h\", \"port\": 1}, \"b\": {\"ip\": \"h\", \"port\": 1}}}"))
                .hasMessage("peers a and b both listen on h:1");
    }

    @Test
    void fileProblemsNameTheFile(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ClusterConfig.load(dir.resolve("missing.json")))
                .hasMessageEndingWith("missing.json: no such file");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"peers\": {\"x\": {\"ip\": 1, \"port\": 2}}}");
        assertThatThrownBy(() -> ClusterConfig.load(bad)).hasMessageContaining("bad.json: peer x: \"ip\" must be a string");
    }
}
