package io.flint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flint containers on a real Docker daemon, from the image the shipped Dockerfile builds: five
 * form a network and converge; one added later joins and syncs; {@code docker stop} of one is a
 * graceful leave that hands its pending transactions over (payments it made while offline, so
 * no other node has them); {@code docker kill} is detected.
 *
 * <p>Host networking, as the daemons of this project's machines have no bridge: each node has
 * its own loopback address 127.X.Y.(10+i) (X.Y random per run) with the seeds' ports 5000+i and
 * 7000+i. Nodes are configured as users configure them: FLINT_ID, FLINT_CONFIG, PEER_NODES,
 * FLINT_API_BIND, FLINT_NETWORK (regtest: blocks are mined on demand). Every container is removed
 * by id afterwards, with its volume.
 */
@ExtendWith(FlintImage.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerNetworkIT {
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** Payments the leaver holds when it stops: more than one GOODBYE carries. */
    private static final int PAYMENTS = 130;

    /** One node in a container. */
    record Node(String id, String ip, int port, String container, NodeHttp api) {}

    private FlintImage image;
    private String run;
    private String net;
    private Path dir;
    private Path config;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<String> containers = new ArrayList<>();
    private final Map<String, String> tokens = new HashMap<>();
    private boolean converged;

    @BeforeAll
    void setUp(FlintImage image) throws IOException {
        this.image = image;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        run = Integer.toHexString(r.nextInt(0x100000, 0xFFFFFF));
        net = "127." + r.nextInt(100, 200) + "." + r.nextInt(1, 255);
        dir = Files.createTempDirectory("flint-container-it-");
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            peers.append(i == 0 ? "" : ",").append(String.format("\"%d\": {\"ip\": \"%s\", \"port\": %d, \"fanout\": 2}",
                    5000 + i, ip(i), 5000 + i));
        }
        config = dir.resolve("config.json");
        Files.writeString(config, "{\"peers\": {" + peers + "}, \"dynamic_discovery\": true}\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        System.out.printf("[docker] run %s: nodes on %s.10-16, image %s%n", run, net, image.tag);
    }

    @AfterAll
    void tearDown() throws IOException {
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f", "-v"));
            rm.addAll(containers);
            Command.run(Duration.ofMinutes(2), Map.of(), null, rm);
        }
        if (dir != null) {
            Files.deleteIfExists(config);
            Files.deleteIfExists(dir);
        }
    }

    private String ip(int index) {
        return net + "." + (10 + index);
    }

    private Node start(int index, Map<String, String> env, boolean withConfig, String... args) {
        return start(index, env, withConfig, List.of(), args);
    }

    private Node start(int index, Map<String, String> env, boolean withConfig, List<String> dockerOptions, String... args) {
        String id = Integer.toString(5000 + index);
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "-d", "--network", "host",
                "--name", "flint-it-" + run + "-" + id + "-" + containers.size(), "--label", "io.flint.it=" + run));
        cmd.addAll(dockerOptions);
        if (withConfig) {
            cmd.addAll(List.of("-v", config + ":/flint/config.json:ro", "-e", "FLINT_CONFIG=/flint/config.json"));
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("FLINT_ID", id);
        all.put("FLINT_NETWORK", "regtest");
        all.put("FLINT_API_BIND", ip(index));
        all.putAll(env);
        all.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        cmd.add(image.tag);
        cmd.add("node");
        cmd.addAll(List.of(args));
        String container = Command.run(Duration.ofMinutes(2), Map.of(), null, cmd).expectOk();
        containers.add(container);
        Node node = new Node(id, ip(index), 5000 + index, container, new NodeHttp(ip(index), 7000 + index));
        nodes.put(id, node);
        return node;
    }

    private String token(Node n) {
        return tokens.computeIfAbsent(n.id(), k -> Command.run(Duration.ofSeconds(30), "docker", "exec", n.container(),
                "cat", "/data/api.token").expectOk());
    }

    private String logs() {
        StringBuilder out = new StringBuilder();
        for (Node n : nodes.values()) {
            Command c = Command.run(Duration.ofSeconds(20), "docker", "logs", "--tail", "12", n.container());
            String status = n.api().tryGet("/status").map(r -> r.body()).orElse("(no answer)");
            out.append("--- ").append(n.id()).append(" (").append(n.container(), 0, 12).append(") ").append(status)
                    .append("\n").append(c.out()).append(c.err());
        }
        return out.toString();
    }

    private void await(String what, Duration limit, java.util.function.Supplier<Boolean> condition) {
        NodeHttp.await(what, limit, condition, this::logs);
    }

    private static Set<String> alivePeers(Node n) {
        Set<String> out = new TreeSet<>();
        for (JsonNode p : n.api().get("/peers")) {
            if ("ALIVE".equals(p.path("status").asText())) {
                out.add(p.path("id").asText());
            }
        }
        return out;
    }

    private static String tip(Node n) {
        return n.api().get("/status").path("tip").asText();
    }

    private static Set<String> pool(Node n) {
        Set<String> out = new TreeSet<>();
        n.api().get("/transactions").forEach(t -> out.add(t.path("txid").asText()));
        return out;
    }

    private List<Node> running() {
        return nodes.values().stream().filter(n -> "true".equals(Command.run(Duration.ofSeconds(20), "docker", "inspect",
                "-f", "{{.State.Running}}", n.container()).out().strip())).toList();
    }

    @Test
    @Order(1)
    void fiveContainersFormANetworkAndConverge() {
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            start(i, Map.of(), true, "--dynamic");
        }
        List<Node> five = List.copyOf(nodes.values());
        await("all five answer on their HTTP ports", START,
                () -> five.stream().allMatch(n -> n.api().tryGet("/health/live").map(r -> r.statusCode() == 200).orElse(false)));
        long up = System.nanoTime();
        await("every node sees the other four ALIVE", SETTLE, () -> five.stream().allMatch(n -> alivePeers(n).size() == 4));
        Node miner = five.get(0);
        for (int b = 0; b < 5; b++) {
            miner.api().post("/mine", token(miner), null);
        }
        String tip = tip(miner);
        await("all five at the miner's tip " + tip, SETTLE, () -> five.stream().allMatch(n -> tip(n).equals(tip)));
        assertThat(five).allSatisfy(n -> assertThat(n.api().get("/status").path("height").asInt()).isEqualTo(5));
        await("Docker reports every container healthy (the image's HEALTHCHECK)", SETTLE, () -> five.stream()
                .allMatch(n -> "healthy".equals(Command.run(Duration.ofSeconds(20), "docker", "inspect", "-f",
                        "{{.State.Health.Status}}", n.container()).out().strip())));
        converged = true;
        System.out.printf("[docker] 5 containers answering after %.1f s, peered and converged at height 5 after %.1f s%n",
                (up - t0) / 1e9, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(2)
    void aContainerAddedLaterJoinsAndSyncs() {
        Assumptions.assumeTrue(converged, "the five-node network did not form");
        long t0 = System.nanoTime();
        // not in config.json: it knows two bootstrap peers by address only, as the seed's PEER_NODES
        Node joiner = start(5, Map.of("PEER_NODES", ip(0) + ":5000," + ip(1) + ":5001"), false,
                "--dynamic", "--ip", ip(5), "--port", "5005");
        String tip = tip(nodes.get("5000"));
        await("the joiner reaches the network's tip and is ready", START, () -> tip(joiner).equals(tip)
                && joiner.api().tryGet("/health/ready").map(r -> r.statusCode() == 200).orElse(false));
        long synced = System.nanoTime();
        List<Node> others = nodes.values().stream().filter(n -> n != joiner).toList();
        await("every earlier node knows the joiner ALIVE", SETTLE,
                () -> others.stream().allMatch(n -> alivePeers(n).contains(joiner.id())));
        await("the joiner knows every earlier node ALIVE", SETTLE,
                () -> alivePeers(joiner).containsAll(others.stream().map(Node::id).toList()));
        System.out.printf("[docker] joiner %s synced to height %d in %.1f s, known by all %d peers after %.1f s%n",
                joiner.id(), joiner.api().get("/status").path("height").asInt(), (synced - t0) / 1e9, others.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The leaver pays from its wallet while offline (so no other node has seen those payments),
     * comes back, and leaves with docker stop. More than 100 payments: GOODBYE carries 100 of
     * them and MEMPOOL_TRANSFER the rest; and a pool announces only its newest 100 ids, so the
     * older ones stay the leaver's alone until it hands them over.
     */
    @Test
    @Order(3)
    void dockerStopIsAGracefulLeaveThatHandsOverItsPendingTransactions() {
        Assumptions.assumeTrue(converged, "the five-node network did not form");
        List<Node> stayers = List.copyOf(nodes.values());
        Node miner = stayers.get(0);
        // a node joins, and the network mines coins to its wallet: one mature coinbase per payment
        Node first = start(6, Map.of("PEER_NODES", ip(0) + ":5000"), false, "--dynamic", "--ip", ip(6), "--port", "5006");
        await("the new node answers", START, () -> first.api().tryGet("/health/live").isPresent());
        String wallet = first.api().get("/status").path("payout_address").asText();
        for (int b = 0; b < PAYMENTS + 15; b++) {
            miner.api().post("/mine", token(miner), "{\"address\": \"" + wallet + "\"}");
        }
        String funded = tip(miner);
        await("the new node has the chain with its coins", SETTLE, () -> tip(first).equals(funded));
        // offline: a container of the same node on the same volume, without its peer table
        Command.run(Duration.ofSeconds(60), "docker", "stop", "-t", "30", first.container()).expectOk();
        Command.run(Duration.ofSeconds(60), "docker", "run", "--rm", "--network", "none", "--volumes-from", first.container(),
                "--entrypoint", "rm", image.tag, "-f", "/data/peers.json").expectOk();
        nodes.remove(first.id());
        tokens.remove(first.id());
        Node leaver = start(6, Map.of(), false, List.of("--volumes-from", first.container()),
                "--dynamic", "--ip", ip(6), "--port", "5006");
        await("the node answers again, alone", START, () -> leaver.api().tryGet("/health/live").isPresent());
        assertThat(alivePeers(leaver)).isEmpty();
        String payee = miner.api().get("/status").path("payout_address").asText();
        List<String> txids = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            // 30 of a 50-coin coinbase: the change cannot pay the next one, so every payment spends
            // a confirmed coin of its own (no chain of unconfirmed parents)
            txids.add(leaver.api().post("/wallet/send", token(leaver),
                    "{\"address\": \"" + payee + "\", \"amount\": \"30\"}").path("txid").asText());
        }
        assertThat(pool(leaver)).containsAll(txids);

        // back online: a peer of every node again
        leaver.api().post("/peers", token(leaver), "{\"address\": \"" + ip(0) + ":5000\"}");
        await("the leaver and every node know each other", SETTLE, () -> alivePeers(leaver).size() == stayers.size()
                && stayers.stream().allMatch(n -> alivePeers(n).contains(leaver.id())));
        Set<String> seen = new TreeSet<>();
        stayers.forEach(n -> seen.addAll(pool(n)));
        List<String> onlyItsOwn = txids.stream().filter(t -> !seen.contains(t)).toList();
        assertThat(onlyItsOwn).as("payments in no other node's pool before the leave").hasSizeGreaterThanOrEqualTo(10);

        long t0 = System.nanoTime();
        Command.run(Duration.ofSeconds(60), "docker", "stop", "-t", "30", leaver.container()).expectOk();
        long stopped = System.nanoTime();
        assertThat(Command.run(Duration.ofSeconds(20), "docker", "inspect", "-f", "{{.State.ExitCode}}",
                leaver.container()).expectOk()).as("a graceful stop exits 0").isEqualTo("0");
        Command log = Command.run(Duration.ofSeconds(20), "docker", "logs", leaver.container());
        assertThat(log.out() + log.err()).contains("leaving: 100 transactions inline")
                .contains("left the network").contains("node " + leaver.id() + " stopped");
        await("each of the leaver's own payments is in a remaining node's pool", SETTLE, () -> {
            Set<String> pooled = new TreeSet<>();
            stayers.forEach(n -> pooled.addAll(pool(n)));
            return pooled.containsAll(onlyItsOwn);
        });
        await("every remaining node has removed the leaver from its peers", SETTLE, () -> stayers.stream().allMatch(n ->
                !NodeHttp.anyMatch(n.api().get("/peers"), p -> p.path("id").asText().equals(leaver.id()))));
        long holdAll = stayers.stream().filter(n -> pool(n).containsAll(onlyItsOwn)).count();
        System.out.printf("[docker] docker stop %s: exit 0 in %.1f s; %d pending payments (%d of them in no other pool) "
                + "handed over, none lost; %d of %d peers hold all of those%n", leaver.id(), (stopped - t0) / 1e9,
                txids.size(), onlyItsOwn.size(), holdAll, stayers.size());
    }

    @Test
    @Order(4)
    void dockerKillIsDetected() {
        Assumptions.assumeTrue(converged, "the five-node network did not form");
        Node victim = nodes.get("5003");
        List<Node> watchers = running().stream().filter(n -> n != victim).toList();
        assertThat(watchers).hasSizeGreaterThanOrEqualTo(4);
        await("every peer sees the victim ALIVE first", SETTLE,
                () -> watchers.stream().allMatch(n -> alivePeers(n).contains(victim.id())));
        long t0 = System.nanoTime();
        Command.run(Duration.ofSeconds(30), "docker", "kill", victim.container()).expectOk();
        await("every peer marks the killed node UNREACHABLE", Duration.ofSeconds(75), () -> watchers.stream().allMatch(n ->
                NodeHttp.anyMatch(n.api().get("/peers"), p -> p.path("id").asText().equals(victim.id())
                        && "UNREACHABLE".equals(p.path("status").asText()))));
        assertThat(Command.run(Duration.ofSeconds(20), "docker", "inspect", "-f", "{{.State.ExitCode}}",
                victim.container()).expectOk()).as("SIGKILL").isEqualTo("137");
        System.out.printf("[docker] docker kill %s: all %d peers marked it UNREACHABLE within %.1f s (%s)%n", victim.id(),
                watchers.size(), (System.nanoTime() - t0) / 1e9,
                watchers.stream().map(Node::id).collect(Collectors.joining(",")));
    }
}
