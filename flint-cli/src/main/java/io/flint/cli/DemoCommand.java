package io.flint.cli;

import io.flint.cluster.ChurnDemo;
import io.flint.cluster.ClusterDirectory;
import io.flint.cluster.ClusterManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flint demo}: the one-command network, with nodes joining and leaving. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start the 11 bootstrap nodes of config.local.json on this machine (two miners, full "
                + "nodes paying each other, two light nodes, two NATed ones, one malicious), print their "
                + "dashboards, then every so often add a dynamic node and remove one gracefully, saying "
                + "what happened. Ctrl-C stops every node gracefully.")
final class DemoCommand implements Callable<Integer> {
    /** Seconds between the payments of each full node, here and in 'flint cluster up'. */
    static final String DEFAULT_TX_INTERVAL = "3";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The bootstrap set (default: config.local.json).")
    Path config;

    @Option(names = "--nodes-dir", paramLabel = "DIR",
            description = "Where the nodes' data and logs go (default: a new directory under the system's temp dir).")
    Path nodesDir;

    @Option(names = "--fresh",
            description = "With --nodes-dir: remove the chains and wallets an earlier demo left there first, so every "
                + "node starts from genesis (without it they go on from them).")
    boolean fresh;

    @Option(names = "--churn-interval", defaultValue = "20", paramLabel = "SECONDS",
            description = "Seconds from the start of one churn round (a join, and a graceful leave) to the start of "
                    + "the next; a round whose reports take longer is followed at once (default ${DEFAULT-VALUE}).")
    double churnInterval;

    @Option(names = "--no-churn", description = "Only the bootstrap network: no nodes join or leave.")
    boolean noChurn;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop by itself after SECONDS (default: until Ctrl-C).")
    Double duration;

    @Option(names = "--tx-interval", defaultValue = DEFAULT_TX_INTERVAL, paramLabel = "SECONDS",
            description = "Seconds between the payments each full node makes (default ${DEFAULT-VALUE}).")
    double txInterval;

    @Option(names = "--chain", defaultValue = "demo", paramLabel = "demo|regtest", hidden = true,
            description = "Chain parameters (tests).")
    String chain;

    @Override
    public Integer call() throws Exception {
        Path cfg = config == null ? DefaultConfig.find() : config;
        List<String> bad = new ArrayList<>();
        if (!(churnInterval > 0)) {
            bad.add("--churn-interval");
        }
        if (!(txInterval > 0)) {
            bad.add("--tx-interval");
        }
        if (duration != null && !(duration > 0)) {
            bad.add("--duration");
        }
        if (!bad.isEmpty()) {
            // only the options that are wrong: naming all three sends the user looking at the right ones too
            throw new UserError(String.join(" and ", bad) + (bad.size() == 1 ? " must be a positive number of seconds"
                    : " must be positive numbers of seconds"), ExitCodes.USAGE);
        }
        Path dir = nodesDir != null ? nodesDir : temporaryDirectory();
        PrintWriter out = spec.commandLine().getOut();
        ClusterCommand.Where where = new ClusterCommand.Where();
        where.dir = dir;
        // the demo's nodes are local processes (ChurnDemo starts them so): the defaults
        ClusterManager manager = where.manager(out, new ClusterCommand.HowNodesRun());
        ChurnDemo demo = new ChurnDemo(manager, new ChurnDemo.Options(cfg, ClusterCommand.chain(chain), txInterval,
                noChurn ? Optional.empty() : Optional.of(Seconds.duration(churnInterval)),
                Optional.ofNullable(duration).map(Seconds::duration), fresh), line -> {
                    out.println(line);
                    out.flush();
                });
        // where it runs is said once the nodes are up ("Logs and data: ..."): a demo that starts
        // nothing removes its temp directory, which must not have been named as the place to look
        out.println("starting the network of " + cfg + (nodesDir == null ? "" : " in " + dir.toAbsolutePath()) + " ...");
        out.flush();
        Thread main = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            demo.stop();
            main.interrupt();
            try {
                demo.awaitFinished(Duration.ofSeconds(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flint-demo-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            demo.run();
        } catch (io.flint.cluster.ClusterException e) {
            if (!Files.exists(new ClusterDirectory(dir).nodesRoot())) {
                // nothing started (a port was busy): nothing to look at, and the temp directory goes
                if (nodesDir == null) {
                    removeTree(dir);
                }
                throw new UserError(e.getMessage());
            }
            // a node started and failed: its log, in this directory, says why
            throw new UserError(e.getMessage() + "\n(the nodes' logs and data stay in " + dir.toAbsolutePath() + ")");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for run() above, which has finished
            }
        }
        return ExitCodes.OK;
    }

    /** The demo's own temp directory, when no node was ever given a directory in it: only a lock file is there. */
    private static void removeTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover empty temp directory is no reason to hide why the demo failed
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("flint-demo-");
        } catch (IOException e) {
            throw new UserError("cannot make a directory for the nodes under " + System.getProperty("java.io.tmpdir") + ": "
                    + io.flint.node.config.IoReason.of(e));
        }
    }
}
