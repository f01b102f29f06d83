package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.node.FreeSpaceFloor;
import io.flint.node.NodeSettings;
import io.flint.p2p.LinkSimulation;
import io.flint.p2p.transport.Endpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The node's options for running in a container or pod: advertise a DNS name while binding
 * every address, bootstrap peers by address, and the URL local clients find in api.url.
 */
class NodeCommandTest {

    private static NodeCommand parse(String... args) {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void aPodAdvertisesItsDnsNameAndBindsEveryAddress() {
        NodeSettings s = parse("--id", "flint-2", "--ip", "flint-2.flint", "--port", "5000", "--api-port", "7000",
                "--p2p-bind", "0.0.0.0", "--api-bind", "0.0.0.0", "--data-dir", "/data", "--network", "regtest",
                "--dynamic").settings();
        assertThat(s.id()).isEqualTo("flint-2");
        assertThat(s.advertised()).isEqualTo(new Endpoint("flint-2.flint", 5000));
        assertThat(s.p2pBind()).isEqualTo("0.0.0.0");
        assertThat(s.apiBind()).isEqualTo("0.0.0.0");
        assertThat(s.apiPort()).isEqualTo(7000);
        assertThat(s.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(s.network().name()).isEqualTo("regtest");
        assertThat(s.dynamic()).isTrue();
    }

    @Test
    void mineIsAFlagWhoseDefaultIsFlintMine() {
        // the flag still takes no value (the next argument stays an option), whatever FLINT_MINE says
        NodeCommand miner = parse("--id", "x", "--mine", "--port", "5005");
        assertThat(miner.mine).isTrue();
        assertThat(miner.port).isEqualTo(5005);
        assertThat(new CommandLine(new NodeCommand()).getCommandSpec().findOption("--mine").description()[0])
                .contains("FLINT_MINE");
        if (System.getenv("FLINT_MINE") == null) {
            assertThat(parse("--id", "x").mine).as("without FLINT_MINE a node does not mine").isFalse();
        }
    }

    @Test
    void withoutP2pBindTheNodeBindsTheAddressItAdvertises() {
        NodeSettings s = parse("--id", "x", "--ip", "127.0.0.5", "--port", "5005").settings();
        assertThat(s.p2pBind()).isEqualTo("127.0.0.5");
        assertThat(s.apiPort()).isEqualTo(7005);
    }

    @Test
    void peersAreACommaSeparatedList() {
        NodeCommand c = parse("--id", "x", "--peers", "flint-0.flint:5000,flint-1.flint:5000", "--peers", "10.1.2.3:5000");
        assertThat(AddressBootstrap.parse(c.peerAddresses)).containsExactly(new Endpoint("flint-0.flint", 5000),
                new Endpoint("flint-1.flint", 5000), new Endpoint("10.1.2.3", 5000));
    }

    @Test
    void parsesCommaSeparatedHostPortListsAndNamesABadEntry() {
        assertThat(AddressBootstrap.parse(List.of("flint-0.flint:5000", " 10.0.0.7:5001 ", "")))
                .containsExactly(new Endpoint("flint-0.flint", 5000), new Endpoint("10.0.0.7", 5001));
        assertThatThrownBy(() -> AddressBootstrap.parse(List.of("flint-0.flint:5000", "flint-1.flint")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'flint-1.flint' is not HOST:PORT");
        assertThatThrownBy(() -> AddressBootstrap.parse(List.of("flint-0.flint:5000", "host:70000")))
                .hasMessageContaining("port 70000 is outside 1..65535")
                .hasMessageContaining("'host:70000'");
    }

    @Test
    void aBadPeerAddressIsAUsageErrorBeforeAnythingStarts(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path data = dir.resolve("data");
        CliRun run = CliRun.of("node", "--id", "x", "--port", "5999", "--network", "regtest", "--data-dir", data.toString(),
                "--peers", "flint-0.flint:5000,flint-1.flint");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.oneLineError()).isTrue();
        assertThat(run.err()).contains("'flint-1.flint' is not HOST:PORT");
        assertThat(data).doesNotExist();
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorNamingTheOption(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path data = dir.resolve("data");
        CliRun p2p = CliRun.of("node", "--id", "x", "--network", "regtest", "--data-dir", data.toString(), "--port", "70000");
        assertThat(p2p.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(p2p.err()).contains("--port 70000 is outside 1..65535");
        CliRun api = CliRun.of("node", "--id", "x", "--network", "regtest", "--data-dir", data.toString(), "--port", "5999",
                "--api-port", "-1");
        assertThat(api.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(api.err()).contains("--api-port -1 is outside 0..65535");
        assertThat(data).doesNotExist();
    }

    @Test
    void mineIntervalSetsThePaceOfContinuousMiningAndMustNotBeNegative() {
        assertThat(parse("--id", "5053", "--network", "regtest").settings().mineInterval()).isEmpty();
        assertThat(parse("--id", "5053", "--network", "regtest", "--mine-interval", "0").settings().mineInterval())
                .contains(java.time.Duration.ZERO);
        assertThat(parse("--id", "5053", "--mine-interval", "2.5").settings().mineInterval())
                .contains(java.time.Duration.ofMillis(2500));
        assertThatThrownBy(() -> parse("--id", "5053", "--mine-interval", "-1").settings())
                .isInstanceOf(UserError.class).hasMessageContaining("--mine-interval");
    }

    /**
     * A lab's slow or lossy link on a real node: the base network's link with the values it names
     * (it had only --link-sim, 10-100 ms and 5 %, fixed); any of them turns the simulation on.
     */
    @Test
    void linkOptionsSetTheSimulatedLinkAndBadValuesAreUsageErrors() {
        assertThat(parse("--id", "5053").settings().link().enabled()).isFalse();
        assertThat(parse("--id", "5053", "--link-sim").settings().link()).isEqualTo(LinkSimulation.BASE_DEFAULTS);
        LinkSimulation slow = parse("--id", "5053", "--link-delay", "500ms").settings().link();
        assertThat(slow.enabled()).isTrue();
        assertThat(slow.minDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(slow.maxDelay()).isEqualTo(Duration.ofMillis(500));
        // alone, it is the only change: no loss, no capacity limit (it also lost 5 % and capped the rate)
        assertThat(slow.dropProbability()).isZero();
        assertThat(slow.unlimitedCapacity()).isTrue();
        assertThat(slow.describe()).isEqualTo("delay 500 ms, 0 % lost, no capacity limit");
        LinkSimulation varying = parse("--id", "5053", "--link-sim", "--link-delay", "500ms").settings().link();
        assertThat(varying.dropProbability()).isEqualTo(LinkSimulation.BASE_DEFAULTS.dropProbability());
        assertThat(varying.describe()).isEqualTo("delay 500 ms, 5 % lost, 20-200 messages/s");
        LinkSimulation lab = parse("--id", "5053", "--link-delay", "200ms-1s", "--link-loss", "12.5",
                "--link-capacity", "50").settings().link();
        assertThat(lab.minDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(lab.maxDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(lab.dropProbability()).isEqualTo(0.125);
        assertThat(lab.minCapacity()).isEqualTo(50);
        assertThat(lab.maxCapacity()).isEqualTo(50);
        assertThat(lab.describe()).isEqualTo("delay 200-1000 ms, 12.5 % lost, 50 messages/s");
        for (String[] bad : List.of(new String[] {"--link-delay", "slow"}, new String[] {"--link-delay", "1s-200ms"},
                new String[] {"--link-delay", "1s-2s-3s"}, new String[] {"--link-loss", "100"},
                new String[] {"--link-loss", "-1"}, new String[] {"--link-capacity", "0"},
                new String[] {"--link-capacity", "many"}, new String[] {"--link-capacity", "200-20"},
                new String[] {"--link-capacity", "Infinity"})) {
            // each error names the option it is about (a MAX below MIN said only "delay range must be ...")
            assertThatThrownBy(() -> parse("--id", "5053", bad[0], bad[1]).settings()).as(String.join(" ", bad))
                    .isInstanceOf(UserError.class).hasMessageContaining(bad[0]);
        }
        assertThatThrownBy(() -> parse("--id", "5053", "--link-delay", "1s-200ms").settings())
                .hasMessage("--link-delay: MAX (200ms) is below MIN (1s)");
        LinkOptions passed = new LinkOptions();
        new CommandLine(passed).parseArgs("--link-delay", "500ms", "--link-loss", "10");
        assertThat(passed.flags()).as("what a cluster passes to its nodes")
                .containsExactly("--link-delay", "500ms", "--link-loss", "10.0");
        LinkOptions base = new LinkOptions();
        new CommandLine(base).parseArgs("--link-sim", "--link-capacity", "50");
        assertThat(base.flags()).containsExactly("--link-sim", "--link-capacity", "50");
    }

    @Test
    void maxInboundSetsTheTransportsInboundLimitAndMustBeInRange() {
        assertThat(parse("--id", "5053", "--network", "regtest").settings().tcpConfig().limits().maxInbound())
                .isEqualTo(125);
        var limits = parse("--id", "5053", "--network", "regtest", "--max-inbound", "300").settings().tcpConfig().limits();
        assertThat(limits.maxInbound()).isEqualTo(300);
        assertThat(limits.maxInboundPerHost()).isEqualTo(16);
        assertThat(parse("--id", "5053", "--max-inbound", "4").settings().tcpConfig().limits().maxInboundPerHost())
                .isEqualTo(4);
        assertThatThrownBy(() -> parse("--id", "5053", "--max-inbound", "0").settings())
                .isInstanceOf(UserError.class).hasMessage("--max-inbound must be 1..3000, got 0");
    }

    @Test
    void apiPortZeroLeavesThePortToTheSystem() {
        NodeSettings s = parse("--id", "n53", "--network", "regtest", "--port", "5053", "--api-port", "0").settings();
        assertThat(s.apiPort()).isZero();
        assertThat(s.advertised().port()).isEqualTo(5053);
    }

    @Test
    void withoutConfigOrPortANumericIdIsThePortAndAnyOtherIdIsAUsageError(@org.junit.jupiter.api.io.TempDir Path dir) {
        NodeSettings seedLike = parse("--id", "5053", "--network", "regtest").settings();
        assertThat(seedLike.advertised().port()).isEqualTo(5053);
        assertThat(seedLike.apiPort()).isEqualTo(7053);

        Path data = dir.resolve("data");
        for (String id : List.of("n53", "70000", "0")) {
            CliRun run = CliRun.of("node", "--id", id, "--network", "regtest", "--ip", "127.0.0.53", "--data-dir",
                    data.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.oneLineError()).isTrue();
            assertThat(run.err()).contains("node " + id + " has no P2P port: give --port PORT");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void anIdThatIsNoNodeIdIsAUsageErrorNamingTheRule(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path data = dir.resolve("data");
        for (String id : List.of("a b/../x", "..")) {
            CliRun run = CliRun.of("node", "--id", id, "--port", "5999", "--network", "regtest", "--data-dir",
                    data.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.oneLineError()).isTrue();
            assertThat(run.err()).contains("--id '" + id + "' is not a node id: it must be 1-64 letters, digits")
                    .doesNotContain("--debug");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void aBusyPortIsOneLineNamingItAndNothingIsCreated(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int busy = taken.getLocalPort();

            CliRun p2p = CliRun.of("node", "--id", "x", "--network", "regtest", "--ip", "127.0.0.1", "--port",
                    String.valueOf(busy), "--api-port", "0", "--data-dir", data.toString());
            assertThat(p2p.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(p2p.oneLineError()).as(p2p.err()).isTrue();
            assertThat(p2p.err().strip().lines().count()).isEqualTo(1);
            assertThat(p2p.err()).contains("node x cannot start: its P2P port 127.0.0.1:" + busy + " is in use");

            CliRun api = CliRun.of("node", "--id", "x", "--network", "regtest", "--ip", "127.0.0.1", "--port",
                    String.valueOf(FreePort.any()), "--api-port", String.valueOf(busy), "--data-dir", data.toString());
            assertThat(api.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(api.err().strip().lines().count()).as(api.err()).isEqualTo(1);
            assertThat(api.err()).contains("node x cannot start: its HTTP API port 127.0.0.1:" + busy + " is in use");
        }
        assertThat(data).as("no chain, wallet or api.token").doesNotExist();
    }
    /**
     * An API or P2P address that nothing can listen on here fails before anything starts, naming
     * the address and where it came from (an unknown API host said ": null" after P2P had started).
     */
    @Test
    void anAddressThatCannotBeListenedOnIsOneLineNamingItsOption(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        CliRun api = CliRun.of("node", "--id", "x", "--network", "regtest", "--ip", "127.0.0.1", "--port",
                String.valueOf(FreePort.any()), "--api-bind", "no.such.host.invalid", "--api-port", "0",
                "--data-dir", data.toString());
        assertThat(api.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(api.err().strip().lines().count()).as(api.err()).isEqualTo(1);
        assertThat(api.err()).contains("node x cannot start: its HTTP API address no.such.host.invalid is not a known "
                + "host (set by --api-bind or env FLINT_API_BIND); nothing was created");
        CliRun p2p = CliRun.of("node", "--id", "x", "--network", "regtest", "--ip", "127.0.0.1", "--p2p-bind",
                "192.0.2.1", "--port", String.valueOf(FreePort.any()), "--api-port", "0", "--data-dir", data.toString());
        assertThat(p2p.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(p2p.err()).contains("node x cannot start: its P2P address 192.0.2.1 is not an address of this "
                + "machine");
        assertThat(data).as("no chain, wallet or api.token").doesNotExist();
    }

    /** In a container the id comes from FLINT_ID: the missing-option error names the variable too. */
    @Test
    void aMissingIdNamesItsEnvironmentVariable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("FLINT_ID") == null, "FLINT_ID is set here");
        CliRun run = CliRun.of("node", "--network", "regtest");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required option: '--id=<id>' (or set the environment variable "
                + "FLINT_ID)");
    }

    /** The seeds' join: a dynamic node is never in the bootstrap config, so its id is its port. */
    @Test
    void aNumericIdOutsideTheConfigListensOnItsIdAndBootstrapsFromTheConfigsPeers(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        java.nio.file.Files.writeString(config, "{\"peers\": {\"5000\": {\"ip\": \"127.0.0.1\", \"port\": 5000},"
                + " \"5001\": {\"ip\": \"127.0.0.1\", \"port\": 5001}}}");

        NodeSettings s = parse("--id", "5015", "--config", config.toString(), "--dynamic", "--network", "regtest")
                .settings();

        assertThat(s.advertised()).isEqualTo(new Endpoint("127.0.0.1", 5015));
        assertThat(s.apiPort()).isEqualTo(7015);
        assertThat(s.dynamic()).isTrue();
        assertThat(s.bootstrap()).extracting(io.flint.node.config.PeerSpec::id).containsExactly("5000", "5001");

        Path data = dir.resolve("data");
        CliRun named = CliRun.of("node", "--id", "joiner", "--config", config.toString(), "--dynamic", "--network",
                "regtest", "--data-dir", data.toString());
        assertThat(named.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(named.oneLineError()).isTrue();
        assertThat(named.err()).contains("node joiner is not in " + config + " and has no P2P port: give --port PORT");
        assertThat(data).doesNotExist();
    }

    @Test
    void aDataDirectoryThatCannotBeMadeIsNamedWithTheReason(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain-file");
        java.nio.file.Files.writeString(file, "x");
        for (Path data : List.of(file.resolve("data"), file)) {
            CliRun run = CliRun.of("node", "--id", "x", "--network", "regtest", "--ip", "127.0.0.1", "--port",
                    String.valueOf(FreePort.any()), "--api-port", "0", "--data-dir", data.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.oneLineError()).as(run.err()).isTrue();
            assertThat(run.err().strip()).isEqualTo("flint node: node x cannot start: cannot create the data directory "
                    + data + ": " + (data.equals(file) ? "it is a file, not a directory" : "Not a directory"));
        }
    }

    @Test
    void minFreeSpaceIsInMebibytesDefaultsToBitcoinCoresFiftyAndMustNotBeNegative(
            @org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(parse("--id", "x", "--port", "5005").settings().freeSpaceFloor()).isEqualTo(FreeSpaceFloor.DEFAULT);
        assertThat(FreeSpaceFloor.DEFAULT.bytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(parse("--id", "x", "--port", "5005", "--min-free-space", "0").settings().freeSpaceFloor().bytes()).isZero();
        assertThat(parse("--id", "x", "--port", "5005", "--min-free-space", "7").settings().freeSpaceFloor().bytes()).isEqualTo(7L << 20);

        Path data = dir.resolve("data");
        CliRun negative = CliRun.of("node", "--id", "x", "--network", "regtest", "--ip", "127.0.0.1", "--port",
                "5999", "--min-free-space", "-1", "--data-dir", data.toString());
        assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.oneLineError()).as(negative.err()).isTrue();
        assertThat(negative.err()).contains("--min-free-space must be 0 or more MiB, got -1");
        assertThat(data).doesNotExist();
    }

    /** More than any disk here has free: the node says so in one line, and creates nothing. */
    @Test
    void aDiskWithLessFreeThanTheFloorIsOneLineAndNothingIsCreated(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        CliRun run = CliRun.of("node", "--id", "x", "--network", "regtest", "--ip", "127.0.0.1", "--port",
                String.valueOf(FreePort.any()), "--api-port", "0", "--min-free-space", "1000000000", "--data-dir",
                data.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err().strip()).startsWith("flint node: node x cannot start: only ")
                .contains(" free on the disk of " + data + ", below the 1000000000 MiB a node keeps free for its "
                        + "blocks (--min-free-space): free some space or give the node another --data-dir");
        assertThat(data).as("no chain, wallet or api.token").doesNotExist();
    }
}
