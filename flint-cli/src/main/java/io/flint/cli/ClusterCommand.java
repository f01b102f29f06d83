package io.flint.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.cluster.ClusterDirectory;
import io.flint.cluster.ClusterException;
import io.flint.cluster.ClusterManager;
import io.flint.cluster.ClusterRegistry;
import io.flint.cluster.DockerBackend;
import io.flint.cluster.Durations;
import io.flint.cluster.JoinReport;
import io.flint.cluster.LeaveReport;
import io.flint.cluster.LocalProcessBackend;
import io.flint.cluster.NodeApi;
import io.flint.cluster.NodeBackend;
import io.flint.cluster.NetworkWatch;
import io.flint.cluster.NodeEntry;
import io.flint.cluster.NodeProgram;
import io.flint.cluster.NodeRow;
import io.flint.cluster.NodeRuntime;
import io.flint.cluster.NodeStatus;
import io.flint.node.config.ClusterConfig;
import io.flint.node.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flint cluster up|add|remove|kill|partition|heal|ls|down}: the node manager. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a network of nodes on this machine, as local processes (the default) or Docker "
                + "containers. The cluster's state lives in a directory (--dir, else $FLINT_HOME/cluster, "
                + "else .flint/cluster), so every command works from any shell.",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Add.class, ClusterCommand.Remove.class,
            ClusterCommand.Kill.class, ClusterCommand.Partition.class, ClusterCommand.Heal.class,
            ClusterCommand.Ls.class, ClusterCommand.Stats.class, ClusterCommand.Down.class},
        footer = {"", "Example: flint cluster up && flint cluster add && flint cluster ls && flint cluster down"})
final class ClusterCommand extends CommandGroup {
    /** The option every cluster command shares: where the cluster lives. */
    static final class Where {
        @Option(names = "--dir", paramLabel = "DIR",
                description = "The cluster directory (default: $FLINT_HOME/cluster, else .flint/cluster).")
        Path dir;

        ClusterDirectory directory() {
            return ClusterDirectory.resolve(Optional.ofNullable(dir), System.getenv(), Path.of("").toAbsolutePath());
        }

        ClusterManager manager(PrintWriter progress, HowNodesRun how) {
            ClusterDirectory d = directory();
            Clock clock = Clock.systemUTC();
            NodeProgram program = NodeProgram.forRunningCode(FlintMain.class,
                    NodeProgram.jvmOptions(System.getenv("FLINT_NODE_JAVA_OPTS")));
            return new ClusterManager(new ClusterRegistry(d), name -> how.backendFor(name, d, program, clock),
                    // 5 s: on a loaded machine a busy node's /status took over 2 s, and ls said "no answer"
                    new NodeApi(Duration.ofSeconds(5)), line -> {
                        progress.println(line);
                        progress.flush();
                    });
        }
    }

    /**
     * How new nodes run: options of the commands that start nodes ({@code up}, {@code add}) only.
     * The others stop or list nodes as they already run, so they use the defaults.
     */
    static final class HowNodesRun {
        @Option(names = "--backend", paramLabel = "local|docker",
                description = "How new nodes run: local processes or Docker containers (default: a node added again "
                        + "as it ran before, else as the cluster's nodes run, else local).")
        String backend;

        @Option(names = "--image", paramLabel = "IMAGE",
                description = "Docker image of a node (docker backend; default: a node added again keeps its own, "
                        + "else " + DockerBackend.DEFAULT_IMAGE + ").")
        String image;

        // the image of the node an add brings back; the docker backend is made on first use, after it is known
        private Optional<String> chosenImage = Optional.empty();

        @Option(names = "--network", paramLabel = "NETWORK",
                description = "Docker network of a node (docker backend; default ${DEFAULT-VALUE}).")
        String network = DockerBackend.DEFAULT_NETWORK;

        String backendName(ClusterRegistry registry) {
            return NodeRuntime.forAdd(backendFlag(), Optional.ofNullable(image), Optional.empty(), registry.nodes())
                    .backend();
        }

        /**
         * The backend of the node {@code add} starts: with {@code --id} of a node that ran before,
         * the one it ran on (and its image), unless {@code --backend} (or {@code --image}) says otherwise.
         */
        String backendName(ClusterManager manager, Optional<String> id) {
            NodeRuntime runtime = NodeRuntime.forAdd(backendFlag(), Optional.ofNullable(image),
                    id.map(String::strip).flatMap(manager::recordedRuntime), manager.registry().nodes());
            chosenImage = runtime.image();
            return runtime.backend();
        }

        private Optional<String> backendFlag() {
            if (backend == null) {
                return Optional.empty();
            }
            String b = backend.strip().toLowerCase(Locale.ROOT);
            if (!b.equals("local") && !b.equals("docker")) {
                throw new UserError("--backend must be local or docker, not '" + backend + "'", ExitCodes.USAGE);
            }
            return Optional.of(b);
        }

        private NodeBackend backendFor(String name, ClusterDirectory d, NodeProgram program, Clock clock) {
            return switch (name) {
                case "local" -> new LocalProcessBackend(program, clock);
                case "docker" -> new DockerBackend(DockerBackend.dockerHost(System.getenv()),
                        chosenImage.or(() -> Optional.ofNullable(image)).orElse(DockerBackend.DEFAULT_IMAGE), network, d,
                        clock);
                default -> throw new ClusterException("unknown backend '" + name + "' in the cluster registry");
            };
        }
    }

    /** Turns the manager's explained failures into one-line user errors. */
    abstract static class ClusterCall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Where where;

        /** How nodes this command starts run; the defaults for a command that starts none. */
        HowNodesRun how() {
            return new HowNodesRun();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** A duration option between {@code min} and {@code max}; anything else is a usage error naming it. */
        static Duration durationOption(String option, String text, Duration min, Duration max) {
            Duration d;
            try {
                d = io.flint.sim.Durations.parse(option, text);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), ExitCodes.USAGE);
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new UserError(option + " must be " + io.flint.sim.Durations.format(min) + ".."
                        + io.flint.sim.Durations.format(max) + ", got " + text, ExitCodes.USAGE);
            }
            return d;
        }

        /**
         * Says on stderr, one line each as for any failure, which backends could not be asked (the
         * Docker daemon is down), and whether that makes the command fail.
         *
         * @return {@link ExitCodes#FAILURE} when some could not, else {@code code}
         */
        int reportUnreachable(ClusterManager manager, int code) {
            List<String> problems = manager.unreachableBackends();
            PrintWriter err = spec.commandLine().getErr();
            for (String p : problems) {
                err.println("flint cluster " + spec.name() + ": " + p);
            }
            err.flush();
            return problems.isEmpty() ? code : ExitCodes.FAILURE;
        }

        @Override
        public final Integer call() {
            try {
                int code = run(where.manager(out(), how()));
                out().flush();
                return code;
            } catch (ClusterException e) {
                out().flush();
                throw new UserError(e.getMessage());
            }
        }

        abstract int run(ClusterManager manager);

        /** OK, or the nodes a command could not reach named on stderr, one line, and FAILURE. */
        int missed(List<String> ids, String what) {
            if (ids.isEmpty()) {
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println("flint cluster " + spec.name() + ": " + String.join(", ", ids) + " " + what);
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
        }
    }

    /**
     * API.md lists {@code [--backend local|docker]} after every cluster command, so the commands
     * that only stop or list nodes still accept the three options, hidden from their help and
     * ignored: each node is stopped through the backend it was started with.
     */
    static final class IgnoredHowNodesRun {
        @Option(names = "--backend", hidden = true, paramLabel = "local|docker")
        String backend;

        @Option(names = "--image", hidden = true, paramLabel = "IMAGE")
        String image;

        @Option(names = "--network", hidden = true, paramLabel = "NETWORK")
        String network;
    }

    /** remove, kill, ls, down: the commands that act on nodes as they already run. */
    abstract static class ExistingNodesCall extends ClusterCall {
        @Mixin
        IgnoredHowNodesRun ignored;
    }

    /** up and add: the commands that start nodes, and so take how they run. */
    abstract static class StartingCall extends ClusterCall {
        @Mixin
        HowNodesRun how;

        @Override
        HowNodesRun how() {
            return how;
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Start every peer of a config.json (the bootstrap set), each with its own data directory, "
                + "log file and ports. Checks first that every port is free: all start, or none.")
    static final class Up extends StartingCall {
        @Option(names = "--config", paramLabel = "FILE",
                description = "The config.json whose peers to start (default: config.local.json).")
        Path config;

        @Option(names = "--chain", defaultValue = "demo", paramLabel = "demo|regtest",
                description = "Chain parameters of every node (flint node --network; default demo).")
        String chain;

        // the demo's payments by default: 'up' is the demo's network without the churn, and a
        // network whose pools stay empty shows nothing of transactions spreading
        @Option(names = "--tx-interval", defaultValue = DemoCommand.DEFAULT_TX_INTERVAL, paramLabel = "SECONDS",
                description = "Every full node (not the light or malicious ones) pays a random peer every SECONDS, "
                        + "so transactions flow as in 'flint demo' (default ${DEFAULT-VALUE}; 0: no payments at all).")
        double txInterval;

        // every node, and every node added later, simulates this link (flint node --link-sim ...), so
        // /capacity and the outbox's link_loss show something
        @Mixin
        LinkOptions link;

        @Option(names = "--fresh", description = "Remove the chains and wallets an earlier run left in the cluster "
                + "directory first, so every node starts from genesis (by default each node goes on from its own; "
                + "switching --chain needs it, as a node refuses a data directory of another network).")
        boolean fresh;

        @Override
        int run(ClusterManager manager) {
            String network = chain(chain);
            Optional<Double> payments = Seconds.nonNegative(txInterval, "--tx-interval").filter(s -> s > 0);
            Path cfg = config == null ? DefaultConfig.find() : readableConfig(config);
            ClusterManager.UpOptions options = new ClusterManager.UpOptions(cfg, how.backendName(manager.registry()),
                    network, payments, link.flags(), fresh);
            List<String> earlier = manager.earlierChains();
            List<NodeEntry> nodes;
            // Ctrl-C (or SIGTERM) while nodes start: the manager stops those it started and says so; the
            // JVM's own exit would leave them running, as they run in sessions of their own
            Thread main = Thread.currentThread();
            try (StopSignals.Scope signals = StopSignals.during(main::interrupt)) {
                nodes = manager.up(options);
            }
            // a signal just as the last node listened came too late to stop anything: the cluster is up
            Thread.interrupted();
            PrintWriter out = out();
            for (NodeEntry n : nodes) {
                out.printf("%-8s %-19s %-22s P2P %s:%d  %s%n", n.id(), n.role(), n.handle(), n.host(), n.p2pPort(),
                        n.dashboardUrl());
            }
            out.println(nodes.size() + " nodes started from " + cfg + "; state, logs and data in "
                    + manager.registry().directory().root());
            // a second experiment in the same directory would otherwise quietly start where the first ended
            List<String> goingOn = ClusterManager.goingOn(earlier, nodes);
            if (fresh && !earlier.isEmpty()) {
                out.println("removed the chains and wallets of an earlier run (nodes " + String.join(", ", earlier)
                        + "): every node started from genesis");
            } else if (!fresh && !goingOn.isEmpty()) {
                out.println("the nodes go on from the chains and wallets of an earlier run (nodes " + String.join(", ", goingOn)
                        + "); '" + manager.registry().directory().command("up --fresh") + "' starts from genesis");
            }
            out.println(payments.map(t -> "payments: every full node pays a random peer every "
                    + (t == Math.rint(t) ? Long.toString(t.longValue()) : t.toString()) + " s (--tx-interval; 0 for none)")
                    .orElse("payments: none (--tx-interval 0); pools stay empty unless something sends transactions"));
            NodeEntry.networkViewUrl(nodes).ifPresent(url -> out.println("network view (all nodes at once): " + url));
            ClusterDirectory where = manager.registry().directory();
            out.println("next: '" + where.command("ls") + "', '" + where.command("add") + "', '" + where.command("down")
                    + "'");
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Add a node: a new dynamic peer (lowest free id and ports, its own config naming itself and "
                + "the bootstrap peers; it joins with HELLO new_node), or a bootstrap peer of the config "
                + "back again. Reports when the other nodes list it and when it is synced.")
    static final class Add extends StartingCall {
        // this node's own link (one slow or lossy node), else the cluster's as 'up' set it
        @Mixin
        LinkOptions link;

        @Option(names = "--id", paramLabel = "ID", description = "The node id (default: the lowest free one above the "
                + "bootstrap set, e.g. 5011; ids of nodes that left are used again).")
        String id;

        @Option(names = "--host", paramLabel = "HOST", description = "Its P2P address (default: the bootstrap peers' host).")
        String host;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Bootstrap config when this directory has no cluster yet (started with 'up'): "
                        + "then it is required; ignored once the cluster has one.")
        Path config;

        @Option(names = "--chain", defaultValue = "demo", paramLabel = "demo|regtest",
                description = "Chain parameters when this cluster has none recorded yet (default demo).")
        String chain;

        @Option(names = "--mine", description = "Mine continuously (a node added again keeps its role without "
                + "--mine or --light).")
        boolean mine;

        @Option(names = "--light", description = "A light node (headers only).")
        boolean light;

        @Option(names = "--tx-interval", paramLabel = "SECONDS", description = "Pay a random peer every SECONDS "
                + "(default: as the node was added before; for a bootstrap peer, as 'up' said).")
        Double txInterval;

        @Option(names = "--mode", paramLabel = "normal|malicious", description = "A malicious node emits invalid "
                + "blocks and transactions (flint node --mode; default: as the node was added before, else normal).")
        String mode;

        @Option(names = "--nat", negatable = true, description = "Behind NAT: reached directly only from its local "
                + "network, else through a relaying peer (config.json's nat; default: as the node was added before, "
                + "else not; --no-nat: not).")
        Boolean nat;

        @Option(names = "--local-network-id", paramLabel = "ID", description = "Its local network: NATed peers "
                + "sharing one reach each other directly (config.json's localnetworkid; default: as the node was "
                + "added before, else none).")
        String localNetworkId;

        @Option(names = "--no-watch", description = "Return once it listens, without watching the join.")
        boolean noWatch;

        /** --mode, --nat and --local-network-id as given; the node's config gets them. */
        private ClusterManager.Traits traits() {
            Optional<String> m = Optional.ofNullable(mode).map(s -> s.strip().toLowerCase(Locale.ROOT));
            if (m.isPresent() && !m.get().equals("normal") && !m.get().equals("malicious")) {
                throw new UserError("--mode must be normal or malicious, not '" + mode + "'", ExitCodes.USAGE);
            }
            Optional<String> lan = Optional.ofNullable(localNetworkId).map(String::strip);
            if (lan.isPresent() && lan.get().isEmpty()) {
                throw new UserError("--local-network-id must name a network, not be empty", ExitCodes.USAGE);
            }
            return new ClusterManager.Traits(m, Optional.ofNullable(nat), lan);
        }

        @Override
        int run(ClusterManager manager) {
            if (id != null) {
                ClusterManager.whyNotAnId(id.strip()).ifPresent(reason -> {
                    throw new UserError("--id '" + id + "' is not a node id: it " + reason, ExitCodes.USAGE);
                });
            }
            if (mine && light) {
                throw new UserError("a light node keeps headers only and cannot mine: give --mine or --light",
                        ExitCodes.USAGE);
            }
            ClusterManager.Traits traits = traits();
            String backend = how.backendName(manager, Optional.ofNullable(id));
            Optional<Double> interval = Seconds.positive(txInterval, "--tx-interval");
            String network = chain(chain);
            if (config != null) {
                readableConfig(config);
            } else if (manager.registry().nodes().isEmpty()) {
                // never up, or down since: no node to join (the settings of one that was up say nothing),
                // and no default config here: a lone demo node of config.local.json would dial whatever runs
                // on its ports
                ClusterDirectory where = manager.registry().directory();
                throw new UserError("no cluster in " + where.root() + ": run '" + where.command("up") + "' "
                        + "first (or give --config FILE to start one from this node)");
            }
            // with a cluster there, its own bootstrap config counts and this one is not read
            Path cfg = config == null ? Path.of("config.local.json") : config;
            ClusterManager.AddOptions options = new ClusterManager.AddOptions(Optional.ofNullable(id), backend,
                    Optional.ofNullable(host), cfg, network, mine, light, interval, !noWatch, traits, link.flags());
            JoinReport r;
            // Ctrl-C (or SIGTERM) before add has reported: the manager stops the node it started, takes it
            // off the list and says so; the JVM's own exit would leave it running in its own session
            Thread main = Thread.currentThread();
            try (StopSignals.Scope signals = StopSignals.during(main::interrupt)) {
                r = manager.add(options);
            }
            // a signal just as the report was written came too late to undo the add: the node is in
            Thread.interrupted();
            NodeEntry n = r.node();
            PrintWriter out = out();
            out.println(noWatch ? "node " + n.id() + " started" : r.sentence());
            out.printf("  %s, P2P %s:%d, dashboard %s%s (listening %s after start)%n", n.handle(), n.host(), n.p2pPort(),
                    n.dashboardUrl(), n.logFile().isEmpty() ? "" : ", log " + n.logFile(), Durations.human(r.startup()));
            return ExitCodes.OK;
        }
    }

    /** remove and kill: one node, one report, exit 1 when it did not stop (a node already dead is no error). */
    abstract static class OneNode extends ExistingNodesCall {
        @Parameters(paramLabel = "ID", description = "The node's id (see 'flint cluster ls').")
        String id;

        abstract LeaveReport stop(ClusterManager manager, String id);

        /** What became of the node's line in 'ls', after the report; hints name the cluster's directory. */
        abstract String listing(LeaveReport r, ClusterDirectory where);

        @Override
        int run(ClusterManager manager) {
            LeaveReport r = stop(manager, id);
            out().println(r.sentence() + listing(r, manager.registry().directory()));
            return r.exited() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Stop a node gracefully: it says GOODBYE to its peers and hands its pending transactions "
                + "over (POST /shutdown with its admin token, else SIGTERM / docker stop), then exits.")
    static final class Remove extends OneNode {
        @Override
        LeaveReport stop(ClusterManager manager, String id) {
            return manager.remove(id);
        }

        @Override
        String listing(LeaveReport r, ClusterDirectory where) {
            if (r.how().equals(LeaveReport.ALREADY_DEAD)) {
                return "; removed it from the list";
            }
            return r.exited() || r.how().equals(LeaveReport.UNREACHABLE) ? ""
                    : "; '" + where.command("kill " + r.node().id()) + "' stops it at once";
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Stop a node at once (SIGKILL / docker kill), as a crash: no GOODBYE, its peers must notice.")
    static final class Kill extends OneNode {
        /** When the kill was sent, to the millisecond: a lab measures its peers' detection from it. */
        private Instant sent;

        @Override
        LeaveReport stop(ClusterManager manager, String id) {
            // the command's JVM takes seconds to start: its own start time would be that far off
            sent = Clock.systemUTC().instant();
            return manager.kill(id);
        }

        @Override
        String listing(LeaveReport r, ClusterDirectory where) {
            return r.exited() ? "; killed at " + sent.truncatedTo(ChronoUnit.MILLIS) + "; '" + where.command("ls")
                    + "' lists it as dead until '" + where.command("remove " + r.node().id()) + "' or '"
                    + where.command("down") + "'" : "";
        }
    }

    @Command(name = "partition", mixinStandardHelpOptions = true,
            description = "Split the running network: every node bans the nodes of the other groups (POST /blacklist, "
                + "reason 'partition'), so nothing crosses, as when the network between them is cut. GROUP is ids "
                + "separated by commas; the nodes named in no group form one more. 'heal' joins them again.",
            footer = {"", "Example: flint cluster partition 5000,5001,5002   (those three on one side, the rest on the "
                + "other)", "         flint cluster partition 5000,5001 5002,5003 --for 10m   (three sides with the rest)"})
    static final class Partition extends ExistingNodesCall {
        @Parameters(paramLabel = "GROUP", arity = "1..*", description = "Node ids of one side, separated by commas.")
        List<String> groups;

        @Option(names = "--for", defaultValue = "1h", paramLabel = "DURATION",
                description = "How long the bans last if 'heal' never comes (default 1h; at most 7d), e.g. 90s, 10m.")
        String lasting;

        @Override
        int run(ClusterManager manager) {
            Duration d = durationOption("--for", lasting, Duration.ofSeconds(1), Duration.ofDays(7));
            List<List<String>> named = new ArrayList<>();
            for (String g : groups) {
                List<String> ids = Arrays.stream(g.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                if (ids.isEmpty()) {
                    throw new UserError("GROUP '" + g + "' names no node", ExitCodes.USAGE);
                }
                named.add(ids);
            }
            if (manager.registry().nodes().isEmpty()) {
                ClusterDirectory dir = manager.registry().directory();
                throw new UserError("no cluster in " + dir.root() + ": run '" + dir.command("up") + "' first");
            }
            ClusterManager.PartitionReport r = manager.partition(named, d);
            out().println("partitioned into " + r.groups().stream().map(g -> String.join(",", g))
                    .collect(Collectors.joining(" | ")) + ": " + r.bans() + " bans for " + io.flint.sim.Durations.format(d)
                    + "; '" + manager.registry().directory().command("heal") + "' joins them again");
            return missed(r.missed(), "did not take all its bans (not answering?): messages may still cross there");
        }
    }

    @Command(name = "heal", mixinStandardHelpOptions = true,
            description = "Join a partitioned network again: every node lifts the bans 'partition' placed "
                + "(DELETE /blacklist/ID); configured peers are greeted at once, the longer branch wins.")
    static final class Heal extends ExistingNodesCall {
        @Override
        int run(ClusterManager manager) {
            ClusterManager.HealReport r = manager.heal();
            out().println(r.lifted() == 0 ? "no partition bans to lift" : "lifted " + r.lifted()
                    + " partition bans; the nodes greet each other again");
            return missed(r.missed(), "did not answer: their bans stay until they expire");
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "List the cluster's nodes: id, role, pid or container, ports, and height and peers "
                + "(answering/known) from each node's GET /status (status 'up'; 'no answer' while it starts; 'dead' with the reason "
                + "once its process or container is gone, until 'remove' or 'down').")
    static final class Ls extends ExistingNodesCall {
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        int run(ClusterManager manager) {
            List<NodeRow> rows = manager.list();
            PrintWriter out = out();
            if (json) {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (NodeRow r : rows) {
                    ObjectNode o = arr.addObject();
                    NodeEntry n = r.node();
                    o.put("id", n.id());
                    o.put("role", n.role());
                    o.put("backend", n.backend());
                    o.put("pid", n.pid());
                    o.put("container", n.container());
                    o.put("host", n.host());
                    o.put("p2p_port", n.p2pPort());
                    o.put("api_port", n.apiPort());
                    o.put("status", r.state());
                    r.deathReason().ifPresent(why -> o.put("ended", why));
                    r.unknownBecause().ifPresent(why -> o.put("unknown", why));
                    r.status().ifPresent(s -> {
                        o.put("height", s.height());
                        o.put("peers", s.peers());
                        o.put("peers_alive", s.peersAlive());
                        o.put("mempool", s.mempool());
                    });
                }
                out.println(Json.pretty(arr));
                out.flush();
                return rows.stream().anyMatch(r -> r.unknownBecause().isPresent())
                        ? reportUnreachable(manager, ExitCodes.OK) : ExitCodes.OK;
            }
            if (rows.isEmpty()) {
                ClusterDirectory where = manager.registry().directory();
                out.println("no nodes in " + where.root() + " ('" + where.command("up") + "' starts some)");
                return ExitCodes.OK;
            }
            out.printf("%-8s %-19s %-22s %-21s %-6s %7s %7s %7s  %s%n", "ID", "ROLE", "PID/CONTAINER", "P2P", "HTTP",
                    "HEIGHT", "PEERS", "MEMPOOL", "STATUS");
            for (NodeRow r : rows) {
                NodeEntry n = r.node();
                out.printf("%-8s %-19s %-22s %-21s %-6d %7s %7s %7s  %s%n", n.id(), n.role(), n.handle(),
                        n.host() + ":" + n.p2pPort(), n.apiPort(),
                        r.status().map(s -> Long.toString(s.height())).orElse("-"),
                        r.status().map(NodeStatus::peersText).orElse("-"),
                        r.status().map(s -> Integer.toString(s.mempool())).orElse("-"),
                        r.stateText());
            }
            out.flush();
            // the nodes it could not ask are listed as unknown; the command says why and fails
            return rows.stream().anyMatch(r -> r.unknownBecause().isPresent())
                    ? reportUnreachable(manager, ExitCodes.OK) : ExitCodes.OK;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Measure the running network for a while, as 'flint sim run' reports a simulated one: "
                + "follows every running node's GET /events for --for, then prints the blocks mined meanwhile, "
                + "how many the best chain kept (stale = not kept), the reorganisations, and block propagation "
                + "(ms from mined to connected at 50, 90 and 100 %% of the honest full nodes, on the nodes' clocks).")
    static final class Stats extends ExistingNodesCall {
        @Option(names = "--for", defaultValue = "2m", paramLabel = "DURATION",
                description = "How long to follow the nodes (default 2m; 5s to 1h), e.g. 30s, 10m.")
        String lasting;

        @Option(names = "--settle", defaultValue = "15s", paramLabel = "DURATION",
                description = "After --for, how long the blocks mined in it are given to spread (default 15s; at most 10m).")
        String settle;

        @Option(names = "--json", description = "Print JSON instead of the text report.")
        boolean json;

        @Override
        int run(ClusterManager manager) {
            Duration window = durationOption("--for", lasting, Duration.ofSeconds(5), Duration.ofHours(1));
            Duration grace = durationOption("--settle", settle, Duration.ZERO, Duration.ofMinutes(10));
            List<NodeEntry> up = manager.list().stream().filter(r -> "up".equals(r.state())).map(NodeRow::node).toList();
            if (up.isEmpty()) {
                ClusterDirectory dir = manager.registry().directory();
                throw new UserError("no running node in " + dir.root() + " ('" + dir.command("up") + "' starts some)");
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("following " + up.size() + " nodes for " + io.flint.sim.Durations.format(window) + " and "
                    + io.flint.sim.Durations.format(grace) + " more ...");
            err.flush();
            NetworkWatch watch = new NetworkWatch(Duration.ofSeconds(5));
            long start = System.currentTimeMillis();
            NetworkWatch.Observation seen;
            try {
                seen = watch.watch(up, window.plus(grace));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted");
            }
            // a node frozen (SIGSTOP) keeps its stream open and says nothing: one that does not
            // answer at the end is not counted; one started meanwhile was not followed from the start
            Map<String, String> notCounted = new LinkedHashMap<>();
            List<NodeRow> atEnd = manager.list();
            seen.followed().stream().filter(id -> atEnd.stream().noneMatch(r -> r.node().id().equals(id)))
                    .forEach(id -> notCounted.put(id, "not answering at the end (removed from the cluster)"));
            for (NodeRow r : atEnd) {
                String id = r.node().id();
                if (up.stream().noneMatch(n -> n.id().equals(id))) {
                    notCounted.put(id, "started during the window: not followed from its start");
                } else if (!"up".equals(r.state())) {
                    notCounted.put(id, "not answering at the end (" + r.stateText() + ")");
                }
            }
            NetworkWatch.Observation counted = seen.excluding(notCounted);
            // the best chain is the highest running node's (the others follow it, or are behind)
            NodeEntry highest = up.stream().filter(n -> counted.followed().contains(n.id())).max(java.util.Comparator.comparingLong(
                    n -> manager.api().status(n).map(NodeStatus::height).orElse(-1L))).orElse(up.get(0));
            ClusterStats stats = ClusterStats.of(counted, window, grace, start, start + window.toMillis(),
                    id -> up.stream().anyMatch(n -> n.id().equals(id) && !n.role().startsWith("light")
                            && !n.role().contains("malicious")),
                    hash -> watch.onBestChain(highest, hash));
            PrintWriter out = out();
            out.print(json ? Json.pretty(stats.json()) + System.lineSeparator() : stats.text());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop every node of the cluster gracefully (all at once); one that does not exit in 30 s is "
                + "killed. Nodes whose Docker daemon cannot be reached stay listed (exit 1); the others stop.")
    static final class Down extends ExistingNodesCall {
        @Override
        int run(ClusterManager manager) {
            List<LeaveReport> reports = manager.down();
            PrintWriter out = out();
            long dead = reports.stream().filter(r -> r.how().equals(LeaveReport.ALREADY_DEAD)).count();
            long kept = reports.stream().filter(r -> r.how().equals(LeaveReport.UNREACHABLE)).count();
            for (LeaveReport r : reports) {
                out.println(switch (r.how()) {
                    case LeaveReport.ALREADY_DEAD -> r.sentence() + "; removed it from the list";
                    case LeaveReport.UNREACHABLE -> r.sentence();
                    default -> "node " + r.node().id() + " stopped (" + r.how() + ")";
                });
            }
            long stopped = reports.size() - dead - kept;
            out.println(stopped == 0 ? "no nodes were running"
                    : stopped == 1 ? "the one running node stopped"
                    : (kept == 0 ? "all " : "") + stopped + " nodes stopped");
            if (kept > 0) {
                out.println(kept + (kept == 1 ? " node was not stopped and stays" : " nodes were not stopped and stay")
                        + " listed: "
                        + "'" + manager.registry().directory().command("down") + "' again once the Docker daemon answers");
            }
            out.flush();
            return kept == 0 ? ExitCodes.OK : reportUnreachable(manager, ExitCodes.FAILURE);
        }
    }

    /**
     * A --config the user names must be there and parse, as for {@code flint node}: otherwise the
     * command line is wrong (exit 2), not the cluster.
     */
    static Path readableConfig(Path config) {
        try {
            ClusterConfig.load(config);
        } catch (ConfigException e) {
            throw new UserError("--config " + e.getMessage(), ExitCodes.USAGE);
        }
        return config;
    }

    static String chain(String chain) {
        String c = chain.strip().toLowerCase(Locale.ROOT);
        if (!c.equals("demo") && !c.equals("regtest")) {
            throw new UserError("--chain must be demo or regtest, not '" + chain + "'", ExitCodes.USAGE);
        }
        return c;
    }
}
