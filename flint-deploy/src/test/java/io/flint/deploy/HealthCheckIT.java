package io.flint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The image's HEALTHCHECK says healthy only when this container's node answers. Each container
 * has a network of its own ({@code --network none}), so "another process answers on
 * 127.0.0.1:7000" - with host networking, any other node on the host - is made inside it: a
 * node that is not the container's main process, with a data directory of its own.
 */
@ExtendWith(FlintImage.Extension.class)
class HealthCheckIT {
    private static final String CHECK = "/opt/flint/healthcheck.sh";
    private final List<String> containers = new ArrayList<>();

    @AfterEach
    void removeContainers() {
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f", "-v"));
            rm.addAll(containers);
            Command.run(Duration.ofMinutes(2), Map.of(), null, rm);
        }
    }

    private String run(FlintImage image, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "-d", "--network", "none", "--label",
                "io.flint.it=health", "--name", "flint-health-it-" + Integer.toHexString(ThreadLocalRandom.current()
                        .nextInt(0x100000, 0xFFFFFF))));
        cmd.addAll(List.of(args));
        String id = Command.run(Duration.ofMinutes(2), Map.of(), null, cmd).expectOk();
        containers.add(id);
        return id;
    }

    private static Command exec(String container, String... args) {
        // docker exec [-e X=Y ...] CONTAINER cmd...: the options come before the container
        List<String> ordered = new ArrayList<>(List.of("docker", "exec"));
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty() && rest.get(0).equals("-e")) {
            ordered.add(rest.remove(0));
            ordered.add(rest.remove(0));
        }
        ordered.add(container);
        ordered.addAll(rest);
        return Command.run(Duration.ofSeconds(60), Map.of(), null, ordered);
    }

    private static void awaitApi(String container, String dataDir) {
        NodeHttp.await("the node in " + container.substring(0, 12) + " serves its API", Duration.ofMinutes(3),
                () -> exec(container, "test", "-s", dataDir + "/api.url").ok(),
                () -> Command.run(Duration.ofSeconds(20), "docker", "logs", "--tail", "20", container).err());
    }

    @Test
    void aContainerWithoutItsOwnNodeIsNeverHealthyWhateverAnswersOn7000(FlintImage image) {
        // the container's main process is sleep; a node of id 5000 answers on 127.0.0.1:7000 beside it
        String c = run(image, "--entrypoint", "sh", image.tag, "-c",
                "java -jar /opt/flint/flint.jar node --id 5000 --network regtest --data-dir /tmp/other & exec sleep 600");
        awaitApi(c, "/tmp/other");
        assertThat(exec(c, "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:7000/health/live").ok())
                .as("something answers on the old default address").isTrue();

        Command noUrl = exec(c, "sh", CHECK);
        assertThat(noUrl.code()).as("no /data/api.url: not healthy, nothing asked; " + noUrl.err()).isEqualTo(1);
        assertThat(noUrl.err()).contains("no /data/api.url");

        // a stale api.url (as a node killed in this volume leaves) naming that address
        exec(c, "sh", "-c", "cp /tmp/other/api.url /data/api.url").expectOk();
        Command otherNode = exec(c, "-e", "FLINT_ID=5001", "sh", CHECK);
        assertThat(otherNode.code()).as("the node there is 5000, this container's is 5001; " + otherNode.err())
                .isEqualTo(1);
        assertThat(otherNode.err()).contains("not as node 5001");
        Command sameNode = exec(c, "-e", "FLINT_ID=5000", "sh", CHECK);
        assertThat(sameNode.code()).as("the node named by FLINT_ID answers there: " + sameNode.err()).isZero();
    }

    @Test
    void aNodeIsHealthyWhileItServesAndACleanStopRemovesItsApiUrl(FlintImage image) {
        // --id on the command line, no FLINT_ID: the check finds the id where the node does
        String c = run(image, image.tag, "node", "--id", "n7", "--port", "5000", "--network", "regtest");
        awaitApi(c, "/data");
        Command healthy = exec(c, "sh", CHECK);
        assertThat(healthy.code()).as(healthy.err()).isZero();

        Command.run(Duration.ofSeconds(60), "docker", "stop", "-t", "30", c).expectOk();
        Command left = Command.run(Duration.ofSeconds(60), "docker", "run", "--rm", "--network", "none",
                "--volumes-from", c, "--entrypoint", "ls", image.tag, "/data");
        assertThat(left.expectOk()).as("what the stopped node left in /data").contains("api.token")
                .doesNotContain("api.url");
    }
}
