package io.flint.cli;

import io.flint.sim.Decimals;
import io.flint.sim.Durations;
import io.flint.sim.PartitionWindow;
import io.flint.sim.ReportFormat;
import io.flint.sim.Simulation;
import io.flint.sim.SimulationConfig;
import io.flint.sim.SimulationReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flint sim run}: a deterministic experiment on simulated real nodes, and its report. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Deterministic simulation and experiments: real nodes on a simulated network in virtual time.",
        subcommands = {SimCommand.Run.class})
final class SimCommand extends CommandGroup {

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Run N real nodes (chain, pool and protocol engine, as 'flint node' runs them) on an in-memory "
                        + "network in virtual time, with simulated mining and optional payments, and print what "
                        + "was measured: blocks mined and stale, reorganisations, how fast blocks and payments "
                        + "reached the nodes, traffic, and whether the nodes agree at the end.",
                "",
                "Mining: blocks are found as a Poisson process (mean --block-interval over the whole network, "
                        + "split by hash share); the miner that finds one builds it on its own tip and pool and "
                        + "announces it, so forks happen when blocks are found faster than they spread. After "
                        + "--duration, payments and churn stop and mining goes on until every running node has "
                        + "the same tip (at most --settle).",
                "",
                "Everything comes from --seed: the same options give the same report, byte for byte. Durations "
                        + "take a unit in lower case: 500ms, 30s, 10m, 1h, 1d. Progress and the wall time go to stderr, the "
                        + "report to stdout.",
                ""
            })
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "10",
                description = "Full nodes in the network (default 10; 2 to " + SimulationConfig.MAX_NODES + ").")
        int nodes;

        @Option(names = "--miners", paramLabel = "M",
                description = "How many of the nodes mine, chosen at random (default "
                        + SimulationConfig.DEFAULT_MINERS + ", or --nodes if fewer).")
        Integer miners;

        @Option(names = "--hash-shares", paramLabel = "SHARE", split = ",",
                description = "Relative hash power of each miner, one number per miner, e.g. 50,30,20 "
                        + "(default: equal shares).")
        List<Double> hashShares = new ArrayList<>();

        @Option(names = "--peers-per-node", paramLabel = "K", defaultValue = "8",
                description = "Bootstrap peers each node is configured with, chosen at random among the nodes "
                        + "not behind NAT (default 8; all of them if fewer).")
        int peersPerNode;

        @Option(names = "--fanout", paramLabel = "F", defaultValue = "2",
                description = "Peers each block or transaction announcement is gossiped to (the node's fanout; "
                        + "default 2; 1 to " + SimulationConfig.MAX_FANOUT + ").")
        int fanout;

        @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10m",
                description = "Virtual time with mining, payments and the scenario (default 10m; at least "
                        + "50ms, one tick of the nodes' engines; at most 7d).")
        String duration;

        @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1m",
                description = "After --duration, the longest to go on mining until every running node has "
                        + "the same tip (default 1m; 0s measures right at the end; otherwise at least 50ms, one tick; at most "
                        + "1h).")
        String settle;

        @Option(names = "--block-interval", paramLabel = "DURATION", defaultValue = "10s",
                description = "Mean time between blocks over the whole network (default 10s; at least 100ms).")
        String blockInterval;

        @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "50ms",
                description = "One-way delay of every link (default 50ms; at most 1m). The nodes' dial, request and silence "
                        + "timers wait at least twice the slowest round trip, as real nodes on such links would "
                        + "be set.")
        String latency;

        @Option(names = "--jitter", paramLabel = "DURATION", defaultValue = "0ms",
                description = "Random extra delay per frame, uniform up to this (default 0ms; at most 1m). Frames on one "
                        + "connection still arrive in order.")
        String jitter;

        @Option(names = "--loss", paramLabel = "P", defaultValue = "0",
                description = "Probability that a frame is lost, 0 to 1 (default 0).")
        double loss;

        @Option(names = "--tx-rate", paramLabel = "R", defaultValue = "0",
                description = "Payments per second over the whole network (default 0: none; at most 50): real signed "
                        + "P2PKH payments from matured block rewards, each given to a random node.")
        double txRate;

        @Option(names = "--partition", paramLabel = "AT+LENGTH",
                description = "Split the nodes in two halves that cannot reach each other from AT into the run "
                        + "for LENGTH, then heal, e.g. 10m+5m (default: none).")
        String partition;

        @Option(names = "--churn", paramLabel = "DURATION",
                description = "Mean time between churn events: a random node that does not mine crashes or "
                        + "leaves gracefully, and comes back later, half the time with its stored chain, half the "
                        + "time with an empty store, as a new node that syncs from genesis (default: no churn; at least 1s).")
        String churn;

        // no defaultValue: given without --churn it would change nothing, and that is refused
        @Option(names = "--churn-downtime", paramLabel = "DURATION",
                description = "Mean time a churned node stays away (default 2m; only with --churn).")
        String churnDowntime;

        @Option(names = "--nat", paramLabel = "N", defaultValue = "0",
                description = "Nodes behind NAT, the light ones first, then chosen at random: they accept no "
                        + "connections from outside and reach the others through connections they open (default 0; "
                        + "at most --nodes - 1).")
        int nat;

        @Option(names = "--light", paramLabel = "N", defaultValue = "0",
                description = "Light nodes among those that do not mine, chosen at random: they keep headers "
                        + "only and have no pool; they count for the end agreement (by their best header), "
                        + "not for propagation (default 0).")
        int light;

        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
                description = "The seed every random choice comes from (default 1).")
        long seed;

        @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "WARN",
                description = "Log level of the simulated nodes' own logs on stderr: TRACE, DEBUG, INFO, WARN, "
                        + "ERROR or OFF (default WARN; their times are wall-clock times, not virtual ones).")
        String logLevel;

        @Mixin
        JsonOutput json;

        @Override
        public Integer call() {
            SimulationConfig config = config();
            LogSettings.apply(logLevel, null);
            PrintWriter err = spec.commandLine().getErr();
            Progress progress = new Progress(err, config.total());
            long started = System.nanoTime();
            SimulationReport report = Simulation.run(config, progress::update);
            double wall = (System.nanoTime() - started) / 1e9;
            progress.clear();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json.on ? ReportFormat.json(report) : ReportFormat.text(report));
            out.flush();
            err.printf(Locale.ROOT, "flint sim: %s s of virtual time in %.1f s of wall time%n",
                    Decimals.plain(report.virtualSeconds()), wall);
            err.flush();
            return ExitCodes.OK;
        }

        SimulationConfig config() {
            try {
                SimulationConfig.Builder builder = SimulationConfig.builder();
                if (miners != null) {
                    builder.miners(miners);
                }
                return builder
                        .seed(seed).nodes(nodes).hashShares(hashShares).peersPerNode(peersPerNode)
                        .fanout(fanout)
                        .duration(Durations.parse("--duration", duration))
                        .settle(Durations.parse("--settle", settle))
                        .blockInterval(Durations.parse("--block-interval", blockInterval))
                        .latency(Durations.parse("--latency", latency))
                        .jitter(Durations.parse("--jitter", jitter))
                        .loss(loss).txRate(txRate)
                        .partition(partition == null ? null : PartitionWindow.parse(partition))
                        .churn(churn == null ? null : Durations.parse("--churn", churn))
                        .churnDowntime(churnDowntime == null ? null
                                : Durations.parse("--churn-downtime", churnDowntime))
                        .nat(nat)
                        .light(light)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), ExitCodes.USAGE);
            }
        }
    }

    /**
     * A progress line on stderr, at most every two seconds of wall time and only for runs that take
     * that long: rewritten in place on a terminal, one line each time otherwise (a log file).
     */
    private static final class Progress {
        private static final long EVERY_NANOS = 2_000_000_000L;
        private final boolean terminal = System.console() != null;
        private final PrintWriter err;
        private final Duration total;
        private final long started = System.nanoTime();
        private long lastPrinted = started;
        private boolean printed;

        Progress(PrintWriter err, Duration total) {
            this.err = err;
            this.total = total;
        }

        void update(Duration done) {
            long now = System.nanoTime();
            if (now - lastPrinted < EVERY_NANOS) {
                return;
            }
            lastPrinted = now;
            printed = true;
            err.printf(Locale.ROOT, "%sflint sim: %d of at most %d s of virtual time simulated%s",
                    terminal ? "\r" : "", done.toSeconds(), total.toSeconds(), terminal ? "" : "\n");
            err.flush();
        }

        void clear() {
            if (printed && terminal) {
                err.println();
                err.flush();
            }
        }
    }
}
