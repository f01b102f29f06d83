package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mining node whose disk fills up, for real: the node runs in a mount namespace of its own
 * ({@code unshare -m}) with its data directory on a small tmpfs, and the test fills that tmpfs
 * while the node mines. The node must stop by itself with exit code 1 and one line saying why,
 * and what it stored must verify ({@code flint chain verify}) and start again elsewhere.
 * Needs root (or user namespaces) for the mount; skipped without, failing in CI.
 */
class DiskFullIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Inside the namespace: mount the tmpfs, start the node on it, wait for the test's "fill"
     * file (what to leave free: "0" fills the disk), fill, wait for the node, copy its data out
     * (the tmpfs goes with the namespace) and exit with the node's code.
     */
    private static final String NAMESPACE_SCRIPT = """
            set -u
            dir=$1; size=$2; shift 2
            mount -t tmpfs -o size="$size" none "$dir/disk" || exit 90
            "$@" --data-dir "$dir/disk/data" > "$dir/node.log" 2>&1 &
            node=$!
            echo $node > "$dir/node.pid"
            while [ ! -e "$dir/fill" ] && kill -0 $node 2>/dev/null; do sleep 0.1; done
            if [ -e "$dir/fill" ]; then
              leave_kib=$(( $(cat "$dir/fill") * 1024 ))
              avail_kib=$(df --output=avail -k "$dir/disk" | tail -1 | tr -d ' ')
              if [ "$leave_kib" -eq 0 ]; then
                dd if=/dev/zero of="$dir/disk/filler" bs=64k 2>/dev/null
              else
                head -c $(( (avail_kib - leave_kib) * 1024 )) /dev/zero > "$dir/disk/filler"
              fi
              touch "$dir/filled"
            fi
            wait $node
            code=$?
            cp -a "$dir/disk/data" "$dir/kept"
            exit $code
            """;

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() throws IOException {
        // the node is a grandchild of the namespace's shell: stop it by its own pid first
        Path pid = dir.resolve("node.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aWriteThatFailsForAFullDiskStopsTheNodeAndWhatItStoredVerifies() throws Exception {
        long height = mineThenFill("16m", 0, "--min-free-space", "0");

        String log = log();
        assertThat(log).contains("ERROR").contains("cannot write to the chain store " + dir.resolve("disk/data/chain"))
                .contains("No space left on device")
                .contains("The node stops: what it stored before is intact; free space on that disk");
        assertThat(lastLine())
                .startsWith("flint node: node df stopped: cannot write to the chain store ");
        assertThat(log).as("no stack trace buries the reason").doesNotContain("\tat ").doesNotContain(" at io.flint.");

        assertStoredChainVerifiesAndRestarts(height);
    }

    @Test
    void belowTheFreeSpaceFloorTheNodeStopsBeforeAnyWriteFails() throws Exception {
        long height = mineThenFill("32m", 8, "--min-free-space", "16");

        String log = log();
        assertThat(log).containsPattern("ERROR .*only [0-9]+ MiB free on the disk of " + Pattern.quote(
                dir.resolve("disk/data").toString()) + ", below the 16 MiB a node keeps free for its blocks")
                .doesNotContain("cannot write to the chain store");
        assertThat(lastLine()).startsWith("flint node: node df stopped: only ");

        assertStoredChainVerifiesAndRestarts(height);
    }

    /**
     * A new node takes little disk of its own: RocksDB preallocated about 75 MiB (its write-ahead
     * log and MANIFEST), which the free-space floor then took for the disk filling up, so a node
     * with 50-125 MiB free started and stopped itself 5 s later, again and again (operator tester).
     */
    @Test
    void aNewNodeOnASmallDiskDoesNotStopForWhatItsOwnStoreReserves() throws Exception {
        int apiPort = FreePort.any();
        Process ns = inNamespace("80m", "--api-port", String.valueOf(apiPort)); // the default floor, 50 MiB
        awaitHeight(apiPort, 3, ns);
        // past two of the node's free-space checks (every 5 s)
        assertThat(ns.waitFor(12, TimeUnit.SECONDS)).as("the node stopped itself: %s", log()).isFalse();
        long pid = Long.parseLong(Files.readString(dir.resolve("node.pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM: a clean stop
        assertThat(ns.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ns.exitValue()).as(log()).isZero();
        assertThat(log()).doesNotContain("free on the disk");
    }

    /**
     * A miner on a tmpfs of {@code size} until it has a few blocks, then the tmpfs filled up to
     * {@code leaveMib} free: the node must stop by itself, with exit code 1.
     *
     * @return the height the node had reached before the fill
     */
    private long mineThenFill(String size, int leaveMib, String... nodeArgs) throws Exception {
        int apiPort = FreePort.any();
        List<String> args = new ArrayList<>(List.of(nodeArgs));
        args.addAll(List.of("--api-port", String.valueOf(apiPort)));
        Process ns = inNamespace(size, args.toArray(String[]::new));
        long height = awaitHeight(apiPort, 3, ns);

        Files.writeString(dir.resolve("fill"), String.valueOf(leaveMib));
        assertThat(ns.waitFor(60, TimeUnit.SECONDS)).as("the node stops by itself: %s", log()).isTrue();
        assertThat(dir.resolve("filled")).exists();
        assertThat(ns.exitValue()).as(log()).isEqualTo(ExitCodes.FAILURE);
        return height;
    }

    /** {@code ./flint node} (regtest, mining) in a new mount namespace with a tmpfs of {@code size}. */
    private Process inNamespace(String size, String... nodeArgs) throws Exception {
        requireMountNamespace();
        Files.createDirectories(dir.resolve("disk"));
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "bash", "-c",
                NAMESPACE_SCRIPT, "namespace", dir.toString(), size, ProcessRun.ROOT.resolve("flint").toString(), "node",
                "--id", "df", "--network", "regtest", "--ip", "127.0.0.1", "--port", String.valueOf(FreePort.any()),
                "--mine"));
        command.addAll(List.of(nodeArgs));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("namespace.log").toFile());
        pb.environment().put("FLINT_NO_BUILD", "1");
        pb.environment().remove("FLINT_MINE");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** The chain the node left verifies, and a node started on it (with room) comes up at that height or above. */
    private void assertStoredChainVerifiesAndRestarts(long seenHeight) throws Exception {
        Path kept = dir.resolve("kept");
        ProcessRun verify = ProcessRun.flint(Duration.ofSeconds(60), "chain", "verify", "--data-dir", kept.toString());
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("OK: the stored state matches the blocks");
        Matcher tip = Pattern.compile("at height ([0-9]+)").matcher(verify.out());
        assertThat(tip.find()).as(verify.out()).isTrue();
        long stored = Long.parseLong(tip.group(1));
        assertThat(stored).isGreaterThanOrEqualTo(seenHeight);

        int apiPort = FreePort.any();
        ProcessBuilder pb = new ProcessBuilder(ProcessRun.ROOT.resolve("flint").toString(), "node", "--id", "df",
                "--network", "regtest", "--ip", "127.0.0.1", "--port", String.valueOf(FreePort.any()), "--api-port",
                String.valueOf(apiPort), "--data-dir", kept.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("restart.log").toFile());
        pb.environment().put("FLINT_NO_BUILD", "1");
        pb.environment().remove("FLINT_MINE");
        Process again = pb.start();
        started.add(again);
        assertThat(awaitHeight(apiPort, stored, again)).isEqualTo(stored);
        again.destroy(); // SIGTERM: a clean stop
        assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(Files.readString(dir.resolve("restart.log"))).isZero();
    }

    private long awaitHeight(int apiPort, long least, Process process) {
        AtomicLong height = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("still running: %s", log()).isTrue();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                    + "/status")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = JSON.readTree(r.body());
            height.set(status.get("height").asLong());
            return height.get() >= least;
        });
        return height.get();
    }

    /** The node's last words: the one line on its standard error. */
    private String lastLine() throws IOException {
        return Files.readString(dir.resolve("node.log")).strip().lines().reduce((a, b) -> b).orElse("");
    }

    private String log() {
        try {
            Path node = dir.resolve("node.log");
            return (Files.exists(node) ? Files.readString(node, StandardCharsets.UTF_8) : "")
                    + Files.readString(dir.resolve("namespace.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A mount namespace with a tmpfs of its own: root, or user namespaces; in CI it must work. */
    private static void requireMountNamespace() throws Exception {
        ProcessRun probe = ProcessRun.of(Duration.ofSeconds(20), List.of("unshare", "-m", "--propagation", "private",
                "sh", "-c", "mount -t tmpfs -o size=1m none /mnt"));
        boolean available = probe.code() == 0;
        String why = "a mount namespace with a tmpfs is not available here (unshare -m as root): " + probe.err().strip();
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equals("0") && !ci.equalsIgnoreCase("false")) {
            assertThat(available).as(why + " (required in CI)").isTrue();
        } else {
            Assumptions.assumeTrue(available, why);
        }
    }
}
