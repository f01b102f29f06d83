package io.flint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compose files as a user runs them: {@code up} starts the seeds' 11 bootstrap peers, they
 * converge on the blocks one of them mines, the peer added with the command documented in the
 * file joins and syncs, and {@code down -v} leaves nothing behind.
 *
 * <p>docker-compose.host.yml always runs (host networking; every node on one random 127.X.Y.1
 * with the seeds' ports). docker-compose.yml, the seeds' bridge network 172.28.0.0/16 with ports
 * published on 127.0.0.1:6000-6010 and 8000-8010, runs where the daemon can make that network and
 * those ports are free, and is skipped with the reason otherwise. Both run regtest without
 * continuous miners (a config derived from the shipped one) so that a block is there when asked.
 */
@ExtendWith(FlintImage.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeNetworkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCKER_DIR = Tools.ROOT.resolve("deploy/docker");
    private static final Duration UP = Duration.ofSeconds(240);

    private FlintImage image;
    private List<String> compose;
    private String run;
    private Path dir;
    private String project;
    private Path file;
    private Map<String, String> env;

    @BeforeAll
    void setUp(FlintImage image) throws IOException {
        this.image = image;
        if (Command.run(Duration.ofSeconds(20), "docker", "compose", "version").ok()) {
            compose = List.of("docker", "compose");
        } else {
            Tools.need(Tools.onPath("docker-compose").isPresent(),
                    "neither 'docker compose' nor docker-compose is installed (Debian: apt-get install docker-compose)");
            compose = List.of("docker-compose");
        }
        run = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        dir = Files.createTempDirectory("flint-compose-it-");
    }

    @AfterEach
    void down() throws IOException {
        if (project != null) {
            Command.run(Duration.ofMinutes(3), env, DOCKER_DIR, composeArgs("down", "-v", "-t", "30"));
            Command.run(Duration.ofSeconds(60), Map.of(), null, List.of("sh", "-c", "ids=$(docker ps -aq --filter "
                    + "label=com.docker.compose.project=" + project + "); [ -z \"$ids\" ] || docker rm -f -v $ids"));
            project = null;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<String> composeArgs(String... args) {
        List<String> all = new ArrayList<>(compose);
        all.addAll(List.of("-p", project, "-f", file.toString()));
        all.addAll(List.of(args));
        return all;
    }

    /** The shipped config with every peer's address rewritten and no continuous miners. */
    private Path config(String shipped, Function<JsonNode, String> address) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(Tools.ROOT.resolve(shipped).toFile());
        Iterator<Map.Entry<String, JsonNode>> peers = root.path("peers").fields();
        while (peers.hasNext()) {
            ObjectNode p = (ObjectNode) peers.next().getValue();
            p.put("ip", address.apply(p));
            p.remove("mine");
        }
        Path out = dir.resolve(shipped);
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        return out;
    }

    /**
     * One node of the compose network, reached at its HTTP port as a user would. A malicious one
     * (the seeds' 5000) forges blocks, gets banned by its peers and is left out of convergence.
     */
    record Peer(String id, boolean light, boolean malicious, NodeHttp api) {
        static Peer of(Map.Entry<String, JsonNode> e, NodeHttp api) {
            return new Peer(e.getKey(), e.getValue().path("light").asBoolean(),
                    "malicious".equals(e.getValue().path("mode").asText()), api);
        }
    }

    @Test
    void hostNetworkingVariant() throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String host = "127." + r.nextInt(100, 200) + "." + r.nextInt(1, 255) + ".1";
        Path cfg = config("config.local.json", p -> host);
        List<Peer> peers = new ArrayList<>();
        JSON.readTree(cfg.toFile()).path("peers").fields().forEachRemaining(e -> peers.add(Peer.of(e,
                new NodeHttp(host, e.getValue().path("port").asInt() + 2000))));
        start("docker-compose.host.yml", "h", cfg, Map.of("FLINT_HOST", host));
        converge(peers);
        addDocumentedPeer(peers, id -> new NodeHttp(host, 7011), Map.of("127.0.0.1", host));
    }

    @Test
    void bridgeNetworkOfTheSeeds() throws Exception {
        Command probe = Command.run(Duration.ofSeconds(30), "docker", "network", "create", "--subnet", "172.28.0.0/16",
                "flint-it-probe-" + run);
        if (probe.ok()) {
            Command.run(Duration.ofSeconds(30), "docker", "network", "rm", "flint-it-probe-" + run);
        }
        Assumptions.assumeTrue(probe.ok(), "this Docker daemon cannot make the seeds' bridge network 172.28.0.0/16 ("
                + probe.err().strip() + "); docker-compose.host.yml is the variant for it");
        for (int port = 6000; port <= 6011; port++) {
            Assumptions.assumeTrue(free(port) && free(port + 2000), "port " + port + " or " + (port + 2000)
                    + " on 127.0.0.1 is in use: the seeds' port mappings need them");
        }
        Path cfg = config("config.json", p -> p.path("ip").asText());
        List<Peer> peers = new ArrayList<>();
        JSON.readTree(cfg.toFile()).path("peers").fields().forEachRemaining(e -> peers.add(Peer.of(e,
                new NodeHttp("127.0.0.1", e.getValue().path("port").asInt() + 3000))));
        start("docker-compose.yml", "b", cfg, Map.of("FLINT_PUBLISH", "127.0.0.1"));
        converge(peers);
        addDocumentedPeer(peers, id -> new NodeHttp("127.0.0.1", 8011), Map.of());
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void start(String composeFile, String variant, Path cfg, Map<String, String> extra) {
        file = DOCKER_DIR.resolve(composeFile);
        project = "flintit" + run + variant;
        env = new LinkedHashMap<>();
        env.put("FLINT_IMAGE", image.tag);
        env.put("FLINT_CONFIG_FILE", cfg.toString());
        env.put("FLINT_NETWORK", "regtest");
        env.put("FLINT_NAME_PREFIX", "flint-it-" + run + "-");
        env.putAll(extra);
        long t0 = System.nanoTime();
        Command.run(UP, env, DOCKER_DIR, composeArgs("up", "-d")).expectOk();
        System.out.printf("[compose] %s: '%s up -d' started 11 containers in %.1f s%n", composeFile,
                String.join(" ", compose), (System.nanoTime() - t0) / 1e9);
    }

    private String logs() {
        return Command.run(Duration.ofSeconds(30), env, DOCKER_DIR, composeArgs("logs", "--tail", "6")).out();
    }

    private static String tip(Peer p) {
        return p.api().get("/status").path("tip").asText();
    }

    private void converge(List<Peer> peers) {
        long t0 = System.nanoTime();
        NodeHttp.await("all 11 nodes answer", UP, () -> peers.stream()
                .allMatch(p -> p.api().tryGet("/health/live").map(x -> x.statusCode() == 200).orElse(false)), this::logs);
        List<Peer> honest = peers.stream().filter(p -> !p.malicious()).toList();
        NodeHttp.await("every honest node has peers", UP, () -> honest.stream()
                .allMatch(p -> NodeHttp.anyMatch(p.api().get("/peers"), x -> "ALIVE".equals(x.path("status").asText()))),
                this::logs);
        Peer miner = peers.stream().filter(p -> p.id().equals("5001")).findFirst().orElseThrow();
        String token = Command.run(Duration.ofSeconds(30), "docker", "exec", env.get("FLINT_NAME_PREFIX") + "peer5001",
                "cat", "/data/api.token").expectOk();
        for (int i = 0; i < 3; i++) {
            miner.api().post("/mine", token, null);
        }
        String tip = tip(miner);
        NodeHttp.await("every honest full node at the mined tip, every light node with its header", UP, () -> honest
                .stream().allMatch(p -> p.light() ? p.api().get("/status").path("best_header_height").asInt() == 3
                        : tip(p).equals(tip)), this::logs);
        System.out.printf("[compose] %s: 11 nodes up; the %d honest ones peered and at height 3 (%d full, %d light) "
                + "%.1f s after up%n", file.getFileName(), honest.size(), honest.stream().filter(p -> !p.light()).count(),
                honest.stream().filter(Peer::light).count(), (System.nanoTime() - t0) / 1e9);
    }

    /** Runs the add-a-peer command the compose file documents (container names get this run's prefix). */
    private void addDocumentedPeer(List<Peer> peers, Function<String, NodeHttp> api, Map<String, String> replace)
            throws IOException {
        List<String> documented = documentedRun();
        String prefix = env.get("FLINT_NAME_PREFIX");
        List<String> args = new ArrayList<>();
        for (String a : documented) {
            String v = a.equals("peer5011") ? prefix + a : a;
            for (Map.Entry<String, String> e : replace.entrySet()) {
                v = v.equals(e.getKey()) ? e.getValue() : v;
            }
            args.add(v);
        }
        long t0 = System.nanoTime();
        Command.run(Duration.ofMinutes(2), env, DOCKER_DIR, composeArgs(args.toArray(String[]::new))).expectOk();
        NodeHttp joiner = api.apply("5011");
        String tip = tip(peers.stream().filter(p -> p.id().equals("5001")).findFirst().orElseThrow());
        NodeHttp.await("the added peer 5011 syncs to the tip", UP,
                () -> joiner.tryGet("/status").map(x -> x.body().contains("\"tip\":\"" + tip + "\"")).orElse(false),
                this::logs);
        Peer bootstrap = peers.stream().filter(p -> p.id().equals("5001")).findFirst().orElseThrow();
        NodeHttp.await("bootstrap peer 5001 knows 5011 ALIVE", UP, () -> NodeHttp.anyMatch(bootstrap.api().get("/peers"),
                p -> p.path("id").asText().equals("5011") && "ALIVE".equals(p.path("status").asText())), this::logs);
        System.out.printf("[compose] %s: documented 'run' added peer 5011; synced and known in %.1f s (%s)%n",
                file.getFileName(), (System.nanoTime() - t0) / 1e9, String.join(" ", args));
    }

    /** The "run ..." arguments of the first documented docker compose run command in the compose file's header. */
    private List<String> documentedRun() throws IOException {
        StringBuilder cmd = new StringBuilder();
        boolean in = false;
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#")) {
                break;
            }
            String text = line.substring(1).strip();
            if (!in && text.startsWith("docker compose") && text.contains(" run ")) {
                in = true;
            }
            if (in) {
                boolean more = text.endsWith("\\");
                cmd.append(' ').append(more ? text.substring(0, text.length() - 1) : text);
                if (!more) {
                    break;
                }
            }
        }
        assertThat(cmd).as(file + " documents a 'docker compose ... run' command").isNotEmpty();
        List<String> words = List.of(cmd.toString().strip().split("\\s+"));
        return new ArrayList<>(words.subList(words.indexOf("run"), words.size()));
    }
}
