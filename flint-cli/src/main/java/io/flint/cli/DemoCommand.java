package io.flint.cli;

import io.flint.cluster.ChurnDemo;
import io.flint.cluster.ClusterManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
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
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The bootstrap set (default: config.local.json).")
    Path config;

    @Option(names = "--nodes-dir", paramLabel = "DIR",
            description = "Where the nodes' data and logs go (default: a new directory under the system's temp dir).")
    Path nodesDir;

    @Option(names = "--churn-interval", defaultValue = "20", paramLabel = "SECONDS",
            description = "Seconds between churn rounds (a join, and a graceful leave; default ${DEFAULT-VALUE}).")
    double churnInterval;

    @Option(names = "--no-churn", description = "Only the bootstrap network: no nodes join or leave.")
    boolean noChurn;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop by itself after SECONDS (default: until Ctrl-C).")
    Double duration;

    @Option(names = "--tx-interval", defaultValue = "3", paramLabel = "SECONDS",
            description = "Seconds between the payments each full node makes (default ${DEFAULT-VALUE}).")
    double txInterval;

    @Option(names = "--chain", defaultValue = "demo", paramLabel = "demo|regtest", hidden = true,
            description = "Chain parameters (tests).")
    String chain;

    @Override
    public Integer call() throws Exception {
        Path cfg = config == null ? DefaultConfig.find() : config;
        if (!(churnInterval > 0) || !(txInterval > 0) || duration != null && !(duration > 0)) {
            throw new UserError("--churn-interval, --tx-interval and --duration must be positive seconds", ExitCodes.USAGE);
        }
        Path dir = nodesDir != null ? nodesDir : temporaryDirectory();
        PrintWriter out = spec.commandLine().getOut();
        ClusterCommand.Where where = new ClusterCommand.Where();
        where.dir = dir;
        // the demo's nodes are local processes (ChurnDemo starts them so): the defaults
        ClusterManager manager = where.manager(out, new ClusterCommand.HowNodesRun());
        ChurnDemo demo = new ChurnDemo(manager, new ChurnDemo.Options(cfg, ClusterCommand.chain(chain), txInterval,
                noChurn ? Optional.empty() : Optional.of(Seconds.duration(churnInterval)),
                Optional.ofNullable(duration).map(Seconds::duration)), line -> {
                    out.println(line);
                    out.flush();
                });
        out.println("starting the network of " + cfg + " in " + dir.toAbsolutePath() + " ...");
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
            throw new UserError(e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for run() above, which has finished
            }
        }
        return ExitCodes.OK;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("flint-demo-");
        } catch (IOException e) {
            throw new UserError("cannot make a directory for the nodes: " + e.getMessage());
        }
    }
}
