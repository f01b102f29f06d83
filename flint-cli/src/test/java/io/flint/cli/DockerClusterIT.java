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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The docker backend: bootstrap nodes as local processes, then nodes added as containers of the
 * Flint image (host networking, as on machines whose daemon has no bridge). A container node
 * joins and is seen by every peer; removed, it leaves gracefully and its container is gone;
 * killed, it dies without a goodbye. Runs where a Docker daemon answers, on an image of this
 * build made with deploy/docker/build-image.sh under a tag of its own and removed afterwards.
 * Skipped, with the reason, where there is no daemon.
 */
class DockerClusterIT {
    private Path dir;
    private Path config;
    private String host;
    private String image;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(run(Duration.ofSeconds(20), "docker", "info").code() == 0,
                "no Docker daemon answers 'docker info' here (../shared/docker-recipe starts one); "
                        + "the docker backend is not tested in this run");
        SplittableRandom random = new SplittableRandom();
        // this build's jar in an image of its own: an old local/flint:latest would test old code,
        // and the user's image is left alone (on the layer cache the build takes seconds)
        image = "local/flint-cli-it:" + Long.toHexString(random.nextLong());
        ProcessRun built = run(Duration.ofMinutes(8), "env", "IMAGE=" + image,
                ProcessRun.ROOT.resolve("deploy/docker/build-image.sh").toString());
        assertThat(built.code()).as("deploy/docker/build-image.sh: " + built.err()).isZero();
        dir = Files.createTempDirectory("flint-docker-it-");
        host = Ports.randomLoopbackHost(random);
        config = dir.resolve("config.json");
        Files.writeString(config, "{\"peers\": {"
                + "\"5000\": {\"ip\": \"" + host + "\", \"port\": 5000, \"fanout\": 2, \"mine\": true},"
                + "\"5001\": {\"ip\": \"" + host + "\", \"port\": 5001, \"fanout\": 2}"
                + "}, \"dynamic_discovery\": true}");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir != null) {
            cluster("down");
            TempTree.delete(dir);
        }
        if (image != null) {
            run(Duration.ofSeconds(60), "docker", "image", "rm", image);
        }
        if (empty != null) {
            run(Duration.ofSeconds(60), "docker", "image", "rm", empty);
        }
    }

    private String empty;

    /** An image with no files at all: a container of it is created, and fails to start (no "node" to run). */
    private String emptyImage() throws Exception {
        empty = "local/flint-cli-it-empty:" + Long.toHexString(new SplittableRandom().nextLong());
        ProcessRun made = run(Duration.ofSeconds(60), "sh", "-c", "tar cf - -T /dev/null | docker import - " + empty);
        assertThat(made.code()).as(made.err()).isZero();
        return empty;
    }

    private static ProcessRun run(Duration limit, String... command) throws Exception {
        return ProcessRun.of(limit, List.of(command));
    }

    private ProcessRun cluster(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(ProcessRun.ROOT.resolve("flint").toString(), "cluster"));
        all.addAll(List.of(args));
        all.addAll(List.of("--dir", dir.resolve("cluster").toString()));
        return run(Duration.ofSeconds(180), all.toArray(String[]::new));
    }

    private boolean containerExists(String name) throws Exception {
        return run(Duration.ofSeconds(20), "docker", "container", "inspect", name).code() == 0;
    }

    @Test
    void aContainerNodeJoinsLeavesGracefullyAndCanBeKilled() throws Exception {
        ProcessRun up = cluster("up", "--config", config.toString());
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).as("each node as it starts").contains("node 5000 started (pid ")
                .contains("node 5001 listening on " + host + ":5001");

        // a container of that name the cluster did not start is the user's: refused and left alone
        ProcessRun mine = run(Duration.ofSeconds(60), "docker", "create", "--name", "flint-5002", emptyImage(), "/none");
        assertThat(mine.code()).as(mine.err()).isZero();
        ProcessRun taken = cluster("add", "--backend", "docker", "--image", image, "--no-watch");
        assertThat(taken.code()).as(taken.out()).isEqualTo(1);
        assertThat(taken.err()).contains("a container named flint-5002 exists (created) that this cluster did not "
                + "start; it is left alone");
        assertThat(containerExists("flint-5002")).as("the user's container is kept").isTrue();
        assertThat(run(Duration.ofSeconds(30), "docker", "rm", "flint-5002").code()).isZero();

        // a container that is created but cannot start is removed again: a failed add leaves nothing
        ProcessRun failed = cluster("add", "--backend", "docker", "--image", empty, "--no-watch");
        assertThat(failed.code()).as(failed.out()).isEqualTo(1);
        assertThat(failed.err()).contains("cannot start container flint-5002 from " + empty);
        assertThat(containerExists("flint-5002")).as("the container of the failed start is gone").isFalse();

        ProcessRun add = cluster("add", "--backend", "docker", "--image", image, "--tx-interval", "1");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("node 5002 joined: seen by 2 of 2 peers in ").contains("synced to height")
                .contains("container ");
        assertThat(containerExists("flint-5002")).isTrue();
        ProcessRun ls = cluster("ls", "--json");
        JsonNode nodes = Json.MAPPER.readTree(ls.out());
        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.path("id").asText()).isEqualTo("5002");
            assertThat(n.path("backend").asText()).isEqualTo("docker");
            assertThat(n.path("status").asText()).isEqualTo("up");
        });

        ProcessRun remove = cluster("remove", "5002");
        assertThat(remove.code()).as(remove.err()).isZero();
        assertThat(remove.out()).startsWith("node 5002 left: ").contains("removed by 2 of 2 peers");
        assertThat(containerExists("flint-5002")).as("the container is removed").isFalse();

        ProcessRun again = cluster("add", "--backend", "docker", "--image", image);
        assertThat(again.code()).as(again.err()).isZero();
        String id = again.out().substring("node ".length(), again.out().indexOf(' ', "node ".length()));
        ProcessRun kill = cluster("kill", id);
        assertThat(kill.out()).contains("node " + id + " killed (SIGKILL");
        assertThat(containerExists("flint-" + id)).isFalse();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            ProcessRun peers = run(Duration.ofSeconds(10), "curl", "-s",
                    "http://" + host + ":7000/peers");
            assertThat(peers.out()).contains("\"id\":\"" + id + "\"").contains("UNREACHABLE");
        });
    }
}
