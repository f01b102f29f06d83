package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster and demo commands' answers to wrong input: one line, the right exit code, nothing started. */
class ClusterCommandTest {
    @TempDir
    Path tmp;

    private String dir() {
        return tmp.resolve("cluster").toString();
    }

    @Test
    void anEmptyClusterListsNothingAndStopsNothing() {
        CliRun ls = CliRun.of("cluster", "ls", "--dir", dir());
        assertThat(ls.exitCode()).isZero();
        // the hint, copied as printed, acts on this directory and not on the default one
        assertThat(ls.out().strip()).isEqualTo("no nodes in " + dir() + " ('flint cluster up --dir " + dir()
                + "' starts some)");
        CliRun json = CliRun.of("cluster", "ls", "--json", "--dir", dir());
        assertThat(json.out().strip()).isEqualTo("[ ]");
        CliRun down = CliRun.of("cluster", "down", "--dir", dir());
        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).contains("no nodes were running");
    }

    @Test
    void unknownNodesBackendsAndChainsAreOneLineErrors() {
        CliRun partition = CliRun.of("cluster", "partition", "5000", "--dir", dir());
        assertThat(partition.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(partition.err().strip()).isEqualTo("flint cluster partition: no cluster in " + dir()
                + ": run 'flint cluster up --dir " + dir() + "' first");
        assertThat(CliRun.of("cluster", "partition", "5000", "--for", "soon", "--dir", dir()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        CliRun remove = CliRun.of("cluster", "remove", "5011", "--dir", dir());
        assertThat(remove.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(remove.err().strip()).isEqualTo("flint cluster remove: no node 5011 in the cluster at " + dir()
                + " (it has no nodes)");
        assertThat(remove.oneLineError()).isTrue();

        CliRun backend = CliRun.of("cluster", "add", "--backend", "kubernetes", "--dir", dir());
        assertThat(backend.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(backend.err()).contains("--backend must be local or docker, not 'kubernetes'");

        CliRun chain = CliRun.of("cluster", "up", "--chain", "mainnet", "--config", "x.json", "--dir", dir());
        assertThat(chain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(chain.err()).contains("--chain must be demo or regtest, not 'mainnet'");

        CliRun both = CliRun.of("cluster", "add", "--mine", "--light", "--dir", dir());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("cannot mine");
    }

    @Test
    void anIdThatIsNoNodeIdIsAUsageErrorAndNothingIsWritten() {
        for (String id : List.of("../../etc", "..", "a/b")) {
            CliRun add = CliRun.of("cluster", "add", "--id", id, "--dir", dir());
            assertThat(add.exitCode()).as(id).isEqualTo(ExitCodes.USAGE);
            assertThat(add.err().strip()).as(id).isEqualTo("flint cluster add: --id '" + id + "' is not a node id: it "
                    + "must be 1-64 letters, digits, '.', '_' or '-', not starting with '.'");
        }
        assertThat(tmp.resolve("cluster")).doesNotExist();
        assertThat(tmp.resolve("etc")).doesNotExist();
    }

    @Test
    void aMissingConfigIsAUsageErrorNamingItAndNothingIsWritten() {
        for (String command : List.of("up", "add")) {
            CliRun run = CliRun.of("cluster", command, "--config", tmp.resolve("nope.json").toString(), "--dir", dir());
            assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(command).contains("--config " + tmp.resolve("nope.json") + ": no such file");
            assertThat(run.oneLineError()).isTrue();
            assertThat(Files.exists(tmp.resolve("cluster/cluster.json"))).isFalse();
        }
    }

    @Test
    void addWhereNoClusterWasEverUpRefusesAndStartsNothing() {
        CliRun add = CliRun.of("cluster", "add", "--dir", dir());
        assertThat(add.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(add.err().strip()).isEqualTo("flint cluster add: no cluster in " + dir() + ": run 'flint cluster up --dir "
                + dir() + "' first (or give --config FILE to start one from this node)");
        assertThat(tmp.resolve("cluster/cluster.json")).doesNotExist();
        assertThat(tmp.resolve("cluster/nodes")).doesNotExist();
    }

    /** After 'down' the settings of the cluster that was up stay; no node does, so there is nothing to join. */
    @Test
    void addAfterDownRefusesAndStartsNothing() throws Exception {
        io.flint.cluster.ClusterDirectory d = new io.flint.cluster.ClusterDirectory(tmp.resolve("cluster"));
        io.flint.cluster.ClusterRegistry registry = new io.flint.cluster.ClusterRegistry(d);
        Files.createDirectories(d.root());
        Files.writeString(d.bootstrapConfig(), "{\"peers\": {\"5000\": {\"ip\": \"127.0.0.1\", \"port\": 5000}}}");
        try (io.flint.cluster.ClusterRegistry.Held lock = registry.lock()) {
            registry.saveSettings(new io.flint.cluster.ClusterSettings("regtest", d.bootstrapConfig()));
        }
        assertThat(CliRun.of("cluster", "ls", "--dir", dir()).out()).contains("no nodes in " + dir());

        CliRun add = CliRun.of("cluster", "add", "--dir", dir());

        assertThat(add.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(add.err().strip()).isEqualTo("flint cluster add: no cluster in " + dir() + ": run 'flint cluster up --dir "
                + dir() + "' first (or give --config FILE to start one from this node)");
        assertThat(tmp.resolve("cluster/nodes")).doesNotExist();
        assertThat(registry.nodes()).isEmpty();
    }

    /** The temp directory such a demo made is removed again, so it must not be named as where things are. */
    @Test
    void aDemoThatStartsNothingNamesNoDirectory() throws Exception {
        String host = io.flint.cluster.Ports.randomLoopbackHost(new java.util.SplittableRandom());
        try (java.net.ServerSocket busy = new java.net.ServerSocket()) {
            busy.bind(new java.net.InetSocketAddress(host, 0));
            Path config = tmp.resolve("busy.json");
            Files.writeString(config, "{\"peers\": {\"5000\": {\"ip\": \"" + host + "\", \"port\": "
                    + busy.getLocalPort() + "}}}");

            CliRun demo = CliRun.of("demo", "--config", config.toString(), "--chain", "regtest");

            assertThat(demo.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(demo.err()).contains("is already in use");
            assertThat(demo.out()).isEqualTo("starting the network of " + config + " ...\n");
        }
    }

    @Test
    void theDemoRefusesNonsenseIntervals() {
        CliRun demo = CliRun.of("demo", "--churn-interval", "0", "--config", "config.json", "--nodes-dir", dir());
        assertThat(demo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(demo.err().strip()).isEqualTo("flint demo: --churn-interval must be a positive number of seconds");
    }

    @Test
    void theDemoNamesOnlyTheIntervalsThatAreWrong() {
        CliRun duration = CliRun.of("demo", "--duration", "0", "--config", "config.json", "--nodes-dir", dir());
        assertThat(duration.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(duration.err().strip()).isEqualTo("flint demo: --duration must be a positive number of seconds");
        CliRun two = CliRun.of("demo", "--tx-interval", "-1", "--duration", "0", "--config", "config.json",
                "--nodes-dir", dir());
        assertThat(two.err().strip()).isEqualTo("flint demo: --tx-interval and --duration must be positive numbers of "
                + "seconds");
        assertThat(tmp.resolve("cluster")).doesNotExist();
    }

    @Test
    void upSaysInItsHelpThatItPaysAsTheDemoDoesAndHowToTurnThatOff() {
        CliRun help = CliRun.of("cluster", "up", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("--tx-interval=SECONDS Every full node (not the light or malicious ones) pays a random peer "
                        + "every SECONDS, so transactions flow as in 'flint demo' (default 3; 0: no payments at all).");
        CliRun negative = CliRun.of("cluster", "up", "--tx-interval", "-1", "--config", "x.json", "--dir", dir());
        assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).contains("--tx-interval must be 0 or a positive number of seconds");
    }

    /** The JDK's message is the path again; the user gets the reason instead. */
    @Test
    void aClusterDirectoryThatCannotBeMadeIsNamedWithTheReason() throws Exception {
        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "x");
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"peers\": {\"5000\": {\"ip\": \"127.0.0.1\", \"port\": 28999}}}");
        Path under = file.resolve("cluster");
        CliRun up = CliRun.of("cluster", "up", "--config", config.toString(), "--dir", under.toString());
        assertThat(up.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(up.err().strip()).isEqualTo("flint cluster up: cannot create the cluster directory " + under
                + ": Not a directory");
        CliRun demo = CliRun.of("demo", "--config", config.toString(), "--nodes-dir", under.toString());
        assertThat(demo.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(demo.err().strip()).isEqualTo("flint demo: cannot create the cluster directory " + under
                + ": Not a directory");
    }

    @Test
    void onlyTheCommandsThatStartNodesShowHowTheyRun() {
        for (String starts : List.of("up", "add")) {
            CliRun help = CliRun.of("cluster", starts, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).as(starts).contains("--dir").contains("--backend").contains("--image")
                    .contains("--network");
        }
        for (String other : List.of("remove", "kill", "ls", "down")) {
            CliRun help = CliRun.of("cluster", other, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).as(other).contains("--dir").doesNotContain("--backend").doesNotContain("--image")
                    .doesNotContain("--network");
        }
        // API.md's `cluster ... [--backend local|docker]`: still accepted there, and changes nothing
        CliRun ls = CliRun.of("cluster", "ls", "--backend", "docker", "--image", "x", "--network", "y", "--dir", dir());
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.err()).doesNotContain("Unknown option");
    }

    /**
     * A node every other node bans still knows all its peers: PEERS must show how few answer, as
     * the network view does ({@code /status} peers_alive of peers), not the known count alone. The
     * node is a stand-in: a process whose command line names it and an HTTP server for its /status.
     */
    @Test
    void lsShowsPeersAnsweringOfKnown() throws Exception {
        com.sun.net.httpserver.HttpServer api = StandInNode.statusServer(
                "{\"id\": \"5000\", \"height\": 66, \"tip\": \"00ab\", \"peers\": 11, \"peers_alive\": 3, "
                        + "\"mempool\": 4, \"role\": \"full+malicious\", \"network\": \"regtest\"}");
        Process process = StandInNode.process("5000");
        try {
            StandInNode.register(tmp.resolve("cluster"), "5000", process, api.getAddress().getPort());

            CliRun ls = CliRun.of("cluster", "ls", "--dir", dir());

            assertThat(ls.exitCode()).as(ls.err()).isZero();
            List<String> lines = ls.out().lines().toList();
            assertThat(lines.get(0).split("\\s+")).containsSubsequence("HEIGHT", "PEERS", "MEMPOOL", "STATUS");
            assertThat(lines.get(1).split("\\s+")).containsSubsequence("66", "3/11", "4", "up");

            CliRun json = CliRun.of("cluster", "ls", "--json", "--dir", dir());
            com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.readTree(json.out()).get(0);
            assertThat(node.path("peers").asInt()).as("the known count stays as it was").isEqualTo(11);
            assertThat(node.path("peers_alive").asInt()).isEqualTo(3);
        } finally {
            StandInNode.stop(process);
            api.stop(0);
        }
    }

    @Test
    void addTakesModeNatAndLocalNetworkAndRefusesNonsenseBeforeAnything() {
        String help = CliRun.of("cluster", "add", "--help").out();
        assertThat(help).contains("--mode=normal|malicious").contains("--[no-]nat").contains("--local-network-id=ID");
        CliRun mode = CliRun.of("cluster", "add", "--mode", "evil", "--dir", dir());
        assertThat(mode.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mode.err().strip()).isEqualTo("flint cluster add: --mode must be normal or malicious, not 'evil'");
        CliRun lan = CliRun.of("cluster", "add", "--nat", "--local-network-id", " ", "--dir", dir());
        assertThat(lan.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(lan.err().strip()).isEqualTo("flint cluster add: --local-network-id must name a network, not be empty");
        assertThat(tmp.resolve("cluster")).doesNotExist();
    }

    @Test
    void helpNamesEveryClusterCommand() {
        CliRun help = CliRun.of("cluster", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("up").contains("add").contains("remove").contains("kill").contains("ls")
                .contains("down");
    }
}
