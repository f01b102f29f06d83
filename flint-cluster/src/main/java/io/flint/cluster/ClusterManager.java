package io.flint.cluster;

import io.flint.node.config.IoReason;
import io.flint.node.config.ClusterConfig;
import io.flint.node.config.ConfigException;
import io.flint.node.config.PeerSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The node manager: {@code up}, {@code add}, {@code remove}, {@code kill}, {@code list},
 * {@code down}. It picks ids and ports, writes each dynamic node's config, checks everything that
 * can be checked before starting (ports free, addresses local, image present), starts nodes
 * through a {@link NodeBackend}, records them in the {@link ClusterRegistry} and watches joins
 * and leaves through the nodes' HTTP API. A start that fails leaves nothing running behind.
 */
public final class ClusterManager {
    /** How long a node may take from start until its P2P port listens (JVM start on a busy machine). */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long a graceful leave may take (the node's own leave deadline is 5 s, plus closing storage). */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a join or leave is watched before the report is written with what was seen. */
    public static final Duration WATCH_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_TX_CHECKS = 200;
    private static final int PORT_SCAN_LIMIT = 500;
    // a node id names its directory under nodes/: no '/', and no leading '.', so never "." or ".."
    private static final String ID_PATTERN = "[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}";
    private static final String KILLED = "killed by 'flint cluster kill' (SIGKILL)";
    private static final String NOTHING_ADDED = "interrupted before the node started; nothing was started and "
            + "nothing of it is left";

    private final ClusterRegistry registry;
    private final Function<String, NodeBackend> backends;
    private final Map<String, NodeBackend> opened = new LinkedHashMap<>();
    private final NodeApi api;
    private final Consumer<String> progress;

    /**
     * @param backends makes the backend of a name ("local", "docker"); called once per name, when first needed
     * @param progress receives one line per step, for the user to follow
     */
    public ClusterManager(ClusterRegistry registry, Function<String, NodeBackend> backends, NodeApi api,
            Consumer<String> progress) {
        this.registry = registry;
        this.backends = backends;
        this.api = api;
        this.progress = progress;
    }

    public ClusterRegistry registry() {
        return registry;
    }

    public NodeApi api() {
        return api;
    }

    private synchronized NodeBackend backend(String name) {
        return opened.computeIfAbsent(name, backends);
    }

    // ------------------------------------------------------------------ up

    /**
     * What {@code up} starts.
     *
     * @param config the config.json whose peers are the bootstrap set
     * @param backend "local" or "docker"
     * @param network "demo" or "regtest"
     * @param txInterval when present, every full node pays a random peer this often (seconds)
     * @param linkFlags every node simulates this link ({@code flint node --link-sim}, {@code --link-delay} ...;
     *     empty for none)
     * @param fresh remove the data directories an earlier run left under {@code nodes/} first, so
     *     every node starts from genesis with a new wallet (otherwise each goes on from its chain)
     */
    public record UpOptions(Path config, String backend, String network, Optional<Double> txInterval,
            List<String> linkFlags, boolean fresh) {
        /** Without link simulation, going on from earlier chains. */
        public UpOptions(Path config, String backend, String network, Optional<Double> txInterval) {
            this(config, backend, network, txInterval, List.of(), false);
        }
    }

    /**
     * {@code up --fresh}: the data directories an earlier run left go, all or none. No node of the
     * registry runs (checked before), but a process started by hand on one of these directories
     * may: its chain store's lock says so, and then nothing is removed.
     */
    private void removeChains(List<String> ids) {
        List<String> held = ids.stream().filter(id -> ChainStoreLock.held(registry.directory().dataDir(id).resolve("chain")))
                .toList();
        if (!held.isEmpty()) {
            throw new ClusterException("the data director" + (held.size() == 1 ? "y of node " : "ies of nodes ")
                    + String.join(", ", held) + " in " + registry.directory().nodesRoot() + " "
                    + (held.size() == 1 ? "is" : "are") + " in use by a running process (a node started by hand?): "
                    + "stop it first; nothing was removed or started");
        }
        for (String id : ids) {
            try {
                AddTraces.deleteTree(registry.directory().dataDir(id));
            } catch (IOException e) {
                throw new ClusterException("cannot remove the earlier chain of node " + id + " ("
                        + registry.directory().dataDir(id) + "): " + e.getMessage() + "; nothing was started");
            }
        }
    }

    /**
     * A node refuses a data directory of another network: rather than start every node and show
     * the first one's refusal, {@code up} says at once what to do, when the last {@code up} here
     * recorded another {@code --chain} and nodes of this config would go on from its chains.
     */
    private void refuseAnotherNetwork(List<String> earlier, ClusterConfig config, String network) {
        Optional<String> before = registry.settings().map(ClusterSettings::network).filter(n -> !n.equals(network));
        List<String> reused = earlier.stream().filter(config.peers()::containsKey).toList();
        if (before.isPresent() && !reused.isEmpty()) {
            throw new ClusterException((reused.size() == 1 ? "node " : "nodes ") + String.join(", ", reused)
                    + (reused.size() == 1 ? " has " : " have ") + before.get()
                    + " chains from an earlier run in " + registry.directory().nodesRoot() + ", and a node refuses a "
                    + "data directory of another network: '--chain " + before.get() + "' goes on with them, '--fresh' "
                    + "removes them and starts " + network + " chains from genesis; nothing was started");
        }
    }

    /** Those of {@code earlier} ({@link #earlierChains()} before an up) that {@code started} runs again. */
    public static List<String> goingOn(List<String> earlier, List<NodeEntry> started) {
        return earlier.stream().filter(id -> started.stream().anyMatch(n -> n.id().equals(id))).toList();
    }

    /**
     * The ids under {@code nodes/} whose data directory an earlier run left (a chain, a wallet):
     * started again with the same id, a node goes on from there.
     */
    public List<String> earlierChains() {
        Path root = registry.directory().nodesRoot();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(d -> d.getFileName().toString())
                    .filter(id -> Files.isDirectory(registry.directory().dataDir(id)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ClusterException("cannot list " + root + ": " + e.getMessage());
        }
    }

    /** Starts every peer of the config; all of them run afterwards, or none does. */
    public List<NodeEntry> up(UpOptions options) {
        try (ClusterRegistry.Held lock = registry.lock()) {
            List<NodeEntry> running = running();
            if (!running.isEmpty()) {
                throw new ClusterException("a cluster is already running in " + registry.directory().root() + " ("
                        + running.size() + " nodes: " + ids(running) + "); '" + registry.directory().command("down") + "' stops it first");
            }
            ClusterConfig config = loadConfig(options.config());
            if (config.peers().isEmpty()) {
                throw new ClusterException(options.config() + " has no peers to start");
            }
            failIf(portClashes(config.peers().values().stream().flatMap(p -> listeners(p).stream()).toList()));
            NodeBackend backend = backend(options.backend());
            List<String> problems = new ArrayList<>();
            if (backend.sharesHostPorts()) {
                for (PeerSpec p : config.peers().values()) {
                    portProblem(p.ip(), p.port(), "node " + p.id() + " P2P").ifPresent(problems::add);
                    portProblem(apiHost(p.ip()), p.apiPort(), "node " + p.id() + " HTTP").ifPresent(problems::add);
                }
            }
            failIf(problems);
            backend.preflight();
            // a new cluster: the dead nodes of the last one go from the list (nothing of theirs runs)
            forgetDead();
            List<String> earlier = earlierChains();
            if (options.fresh()) {
                removeChains(earlier);
            } else {
                refuseAnotherNetwork(earlier, config, options.network());
            }
            Path bootstrap = registry.directory().bootstrapConfig();
            copy(options.config(), bootstrap);
            registry.saveSettings(new ClusterSettings(options.network(), bootstrap, options.txInterval(),
                    options.linkFlags()));
            List<NodeLaunch> launches = new ArrayList<>();
            for (PeerSpec p : config.peers().values()) {
                launches.add(bootstrapLaunch(p, config, bootstrap, options));
            }
            return startAll(backend, launches);
        }
    }

    private NodeLaunch bootstrapLaunch(PeerSpec p, ClusterConfig config, Path configFile, UpOptions options) {
        List<String> flags = new ArrayList<>(List.of("--network", options.network()));
        if (config.dynamicDiscovery()) {
            // the seed runs every node with --dynamic once discovery is on
            flags.add("--dynamic");
        }
        flags.addAll(List.of("--api-bind", apiHost(p.ip())));
        if (options.txInterval().isPresent() && !p.light() && !p.malicious()) {
            flags.addAll(List.of("--tx-interval", seconds(options.txInterval().get())));
        }
        flags.addAll(options.linkFlags());
        ClusterDirectory dir = registry.directory();
        return new NodeLaunch(p.id(), p.ip(), p.port(), apiHost(p.ip()), p.apiPort(), configFile, dir.dataDir(p.id()),
                dir.logFile(p.id()), p.role(), false, flags);
    }

    /** Starts the nodes one after another, then waits for all; on any failure stops those it started. */
    private List<NodeEntry> startAll(NodeBackend backend, List<NodeLaunch> launches) {
        List<NodeEntry> started = new ArrayList<>();
        try {
            for (NodeLaunch l : launches) {
                registry.directory().createNode(l.id());
                new NodeOptions(Optional.empty(), Optional.of(NodeRuntime.of(backend)))
                        .write(registry.directory().nodeOptions(l.id()));
                NodeEntry e = backend.start(l);
                registry.put(e);
                started.add(e);
                // a container takes seconds to create and start: the user sees each one as it goes
                progress.accept("node " + e.id() + " started (" + e.handle() + ")");
            }
            for (NodeEntry e : started) {
                awaitListening(backend, e);
                progress.accept("node " + e.id() + " listening on " + e.host() + ":" + e.p2pPort());
            }
            progress.accept(started.size() + (started.size() == 1 ? " node" : " nodes") + " listening");
            return List.copyOf(started);
        } catch (RuntimeException failure) {
            // an interrupted start (Ctrl-C) still stops what it started gracefully
            boolean interrupted = Thread.interrupted();
            if (!started.isEmpty()) {
                progress.accept("stopping the " + started.size() + " node(s) already started (" + ids(started)
                        + ") ...");
                stopAll(started);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new ClusterException(interruptedStart(backend, started));
            }
            throw failure;
        }
    }

    /** What an interrupted add left: the node it started stopped and off the list, or how to stop it. */
    private static String interruptedAdd(NodeBackend backend, NodeEntry node) {
        if (backend.isRunning(node)) {
            return interruptedStart(backend, List.of(node));
        }
        return "interrupted; node " + node.id() + ", which it had started, was stopped and taken off the list; "
                + "nothing is left running";
    }

    /** What an interrupted start left: nothing running, or which nodes still run (with what stops them). */
    private static String interruptedStart(NodeBackend backend, List<NodeEntry> started) {
        if (started.isEmpty()) {
            return "interrupted before any node started; nothing runs";
        }
        List<NodeEntry> still = started.stream().filter(backend::isRunning).toList();
        if (still.isEmpty()) {
            return "interrupted; the " + started.size() + " node(s) it had started (" + ids(started)
                    + ") were stopped, none is left running";
        }
        return "interrupted; node(s) " + ids(still) + " still run: stop them with "
                + String.join(", ", still.stream().map(n -> n.container().isEmpty() ? "kill " + n.pid()
                        : "docker rm -f " + n.container()).toList());
    }

    /** Waits until the node's P2P port accepts connections; fails with its log if it exits first. */
    private void awaitListening(NodeBackend backend, NodeEntry e) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Ports.listening(e.host(), e.p2pPort())) {
            if (!backend.isRunning(e)) {
                throw new ClusterException("node " + e.id() + " exited while starting; its last lines:\n"
                        + indent(backend.tail(e, 15)));
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("node " + e.id() + " did not listen on " + e.host() + ":" + e.p2pPort()
                        + " within " + Durations.human(START_TIMEOUT) + "; its last lines:\n" + indent(backend.tail(e, 15)));
            }
            sleep(POLL);
        }
    }

    // ------------------------------------------------------------------ add

    /**
     * What {@code add} starts.
     *
     * @param id the node id, or empty for the next free one
     * @param backend "local" or "docker"
     * @param host the P2P host, or empty for the bootstrap peers' host
     * @param config the bootstrap config when the cluster has none yet (nodes started elsewhere)
     * @param network the network when the cluster has none recorded yet
     * @param mine mine continuously (false: as recorded for a node added before, else not)
     * @param light keep headers only (false: as recorded for a node added before, else not)
     * @param txInterval pay a random peer this often (seconds); empty: as recorded for the node, or for
     *     the cluster at {@code up} for a bootstrap peer
     * @param watch wait and report how the network saw the join
     * @param traits a dynamic node's mode, NAT and local network; each empty: as recorded for the node, else
     *     normal, public, none
     * @param linkFlags this node's simulated link ({@code --link-delay} ...); empty: the cluster's ({@code up})
     */
    public record AddOptions(Optional<String> id, String backend, Optional<String> host, Path config, String network,
            boolean mine, boolean light, Optional<Double> txInterval, boolean watch, Traits traits,
            List<String> linkFlags) {
        public AddOptions {
            linkFlags = linkFlags == null ? List.of() : List.copyOf(linkFlags);
        }

        /** A node with its recorded (else default) mode, NAT and local network, on the cluster's link. */
        public AddOptions(Optional<String> id, String backend, Optional<String> host, Path config, String network,
                boolean mine, boolean light, Optional<Double> txInterval, boolean watch) {
            this(id, backend, host, config, network, mine, light, txInterval, watch, Traits.AS_RECORDED, List.of());
        }
    }

    /**
     * What config.json says of a peer beyond its role, for a dynamic node: written into its own
     * config (the node reads them there: {@code flint node} has no flags for NAT or the local
     * network), so {@code add --id} keeps them.
     *
     * @param mode "normal" or "malicious"
     * @param nat behind NAT: reached directly only from its local network, else through a relay
     * @param localNetworkId its local network (peers sharing one reach each other directly)
     */
    public record Traits(Optional<String> mode, Optional<Boolean> nat, Optional<String> localNetworkId) {
        public static final Traits AS_RECORDED = new Traits(Optional.empty(), Optional.empty(), Optional.empty());

        public boolean any() {
            return mode.isPresent() || nat.isPresent() || localNetworkId.isPresent();
        }
    }

    /**
     * Adds a node: a peer of the bootstrap config under its own id and ports (a bootstrap node
     * that was removed or killed comes back the same way), or a new dynamic node with the next
     * free id and ports and its own config (itself plus the bootstrap peers).
     */
    public JoinReport add(AddOptions options) {
        // before the lock and any file: the id becomes a directory name
        options.id().map(String::strip).ifPresent(id -> whyNotAnId(id).ifPresent(reason -> {
            throw new ClusterException("node id '" + id + "' " + reason);
        }));
        if (Thread.currentThread().isInterrupted()) {
            throw new ClusterException(NOTHING_ADDED);
        }
        NodeEntry entry = null;
        NodeBackend backend = null;
        AddTraces traces;
        long startedNanos;
        try (ClusterRegistry.Held lock = registry.lock()) {
            List<NodeEntry> running = running();
            // with no node listed (after down) the cluster is gone: this add starts one from its config
            Optional<ClusterSettings> recorded = registry.nodes().isEmpty() ? Optional.empty() : registry.settings();
            traces = new AddTraces(registry, recorded.isEmpty());
            try {
                ClusterSettings settings = recorded.orElseGet(() -> {
                    loadConfig(options.config());
                    Path copy = registry.directory().bootstrapConfig();
                    copy(options.config(), copy);
                    ClusterSettings s = new ClusterSettings(options.network(), copy);
                    registry.saveSettings(s);
                    return s;
                });
                ClusterConfig bootstrap = loadConfig(settings.bootstrapConfig());
                backend = backend(options.backend());
                NodeBackend chosen = backend;
                Set<String> listed = new HashSet<>();
                registry.nodes().forEach(n -> listed.add(n.id()));
                String id = options.id().map(String::strip).orElseGet(() -> {
                    String host = options.host().map(String::strip).orElseGet(() -> defaultHost(bootstrap));
                    // ports of a host that is not this machine's cannot be probed: the launch says so by name
                    boolean probe = chosen.sharesHostPorts() && Ports.whyNotLocal(host, 0).isEmpty();
                    return nextId(bootstrap, listed, p -> portsFree(host, p, running, bootstrap, probe));
                });
                if (running.stream().anyMatch(n -> n.id().equals(id))) {
                    throw new ClusterException("node " + id + " is already running (see '" + registry.directory().command("ls") + "')");
                }
                traces.node(id);
                // before anything of the node is written: no daemon, no image fails with nothing to undo
                backend.preflight();
                NodeLaunch launch = bootstrap.peer(id)
                        .map(p -> {
                            if (options.traits().any()) {
                                throw new ClusterException("node " + id + " is a bootstrap peer: its mode, NAT and local "
                                        + "network are those of " + settings.bootstrapConfig() + " (--mode, --nat and "
                                        + "--local-network-id are for dynamic nodes); nothing was started");
                            }
                            new NodeOptions(Optional.empty(), Optional.of(NodeRuntime.of(chosen)))
                                    .write(registry.directory().nodeOptions(id));
                            return bootstrapLaunch(p, bootstrap, settings.bootstrapConfig(),
                                    new UpOptions(settings.bootstrapConfig(), options.backend(), settings.network(),
                                            options.txInterval().or(settings::txInterval),
                                            options.linkFlags().isEmpty() ? settings.linkFlags() : options.linkFlags(),
                                            false));
                        })
                        .orElseGet(() -> dynamicLaunch(id, bootstrap, running, settings, options, chosen));
                List<String> problems = new ArrayList<>(portClashes(List.of(
                        new Listener(id, "P2P", launch.host(), launch.p2pPort()),
                        new Listener(id, "HTTP", launch.apiHost(), launch.apiPort()))));
                if (backend.sharesHostPorts()) {
                    portProblem(launch.host(), launch.p2pPort(), "node " + id + " P2P").ifPresent(problems::add);
                    portProblem(launch.apiHost(), launch.apiPort(), "node " + id + " HTTP").ifPresent(problems::add);
                }
                failIf(problems);
                // the same id dead in the list: free what is left of it (a container named as the new one)
                registry.node(id).ifPresent(dead -> backend(dead.backend()).release(dead));
                registry.directory().createNode(id);
                if (Thread.currentThread().isInterrupted()) {
                    throw new ClusterException("interrupted");
                }
                startedNanos = System.nanoTime();
                entry = backend.start(launch);
                try {
                    registry.put(entry);
                    awaitListening(backend, entry);
                } catch (RuntimeException e) {
                    boolean interrupted = Thread.interrupted();
                    stopAll(List.of(entry));
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    throw e;
                }
            } catch (RuntimeException failure) {
                // Ctrl-C: the files are put back with the interrupt cleared, or their channels would refuse
                boolean interrupted = Thread.interrupted();
                traces.undo().ifPresent(failure::addSuppressed);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException(entry == null ? NOTHING_ADDED : interruptedAdd(backend, entry));
                }
                throw failure;
            }
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - startedNanos);
        if (!options.watch()) {
            return new JoinReport(entry, startup, 0, 0, Optional.empty(), -1, Optional.empty());
        }
        try {
            return watchJoin(entry, startup);
        } catch (ClusterException e) {
            if (!Thread.interrupted()) {
                throw e;
            }
            // Ctrl-C before add said how the join went: the add is taken back, as during the start
            try (ClusterRegistry.Held lock = registry.lock()) {
                stopAll(List.of(entry));
                traces.undo().ifPresent(e::addSuppressed);
            }
            Thread.currentThread().interrupt();
            throw new ClusterException(interruptedAdd(backend, entry));
        }
    }

    /**
     * A dynamic node's launch. A node added before under the id the user names comes back as the
     * same node: its role and options (light, mine, mode, nat, fanout, its {@code --tx-interval})
     * as recorded, unless {@code --light}, {@code --mine}, {@code --tx-interval}, {@code --mode},
     * {@code --nat} or {@code --local-network-id} say otherwise
     * now, and its host and ports while they are free, so its peers know it again. An id the
     * manager picked is a new node's: it takes what a node that left under that id left (its
     * chain, so it catches up at once), but its role and options are this add's alone.
     */
    private NodeLaunch dynamicLaunch(String id, ClusterConfig bootstrap, List<NodeEntry> running,
            ClusterSettings settings, AddOptions options, NodeBackend backend) {
        ClusterDirectory dir = registry.directory();
        Path configFile = dir.nodeConfig(id);
        boolean named = options.id().isPresent();
        Optional<PeerSpec> before = named ? recordedSelf(configFile, id) : Optional.empty();
        String host = options.host().map(String::strip)
                .or(() -> before.map(PeerSpec::ip))
                .orElseGet(() -> defaultHost(bootstrap));
        Optional<PeerSpec> samePorts = before.filter(p -> p.ip().equals(host))
                .filter(p -> Ports.whyNotFree(p.ip(), p.port()).isEmpty()
                        && Ports.whyNotFree(apiHost(p.ip()), p.apiPort()).isEmpty());
        int port = samePorts.map(PeerSpec::port).orElseGet(() -> freePort(id, host, bootstrap, running));
        int apiPort = samePorts.map(PeerSpec::apiPort).orElse(port + bootstrap.httpPortOffset());
        // --light and --mine each name a role; neither keeps the recorded one
        boolean light = options.light() || !options.mine() && before.map(PeerSpec::light).orElse(false);
        boolean mine = options.mine() || !options.light() && before.map(PeerSpec::mine).orElse(false);
        PeerSpec self = selfSpec(id, host, port, apiPort, light, mine, before, options.traits());
        NodeOptions recorded = named ? NodeOptions.read(dir.nodeOptions(id)) : new NodeOptions(Optional.empty(),
                Optional.empty());
        Optional<Double> txInterval = options.txInterval().or(recorded::txInterval).filter(s -> !light);
        // its own link when add names one (a slow link for one node), else the one it had, else the cluster's
        List<String> ownLink = options.linkFlags().isEmpty() ? recorded.linkFlags() : options.linkFlags();
        Map<String, PeerSpec> peers = runningBootstrap(bootstrap,
                running.stream().map(NodeEntry::id).collect(java.util.stream.Collectors.toSet()));
        peers.put(id, self);
        writeString(configFile, new ClusterConfig(peers, true).toJson());
        new NodeOptions(txInterval, Optional.of(NodeRuntime.of(backend)), ownLink).write(dir.nodeOptions(id));
        List<String> flags = new ArrayList<>(List.of("--network", settings.network(), "--dynamic", "--api-bind",
                apiHost(self.ip())));
        txInterval.ifPresent(s -> flags.addAll(List.of("--tx-interval", seconds(s))));
        flags.addAll(ownLink.isEmpty() ? settings.linkFlags() : ownLink);
        return new NodeLaunch(id, self.ip(), self.port(), apiHost(self.ip()), self.apiPort(), configFile,
                dir.dataDir(id), dir.logFile(id), self.role(), true, flags);
    }

    /**
     * A dynamic node's own entry in its config: its mode, NAT and local network as {@code add}
     * says, else as recorded for the node ({@code before}), else a normal public node.
     */
    static PeerSpec selfSpec(String id, String host, int port, int apiPort, boolean light, boolean mine,
            Optional<PeerSpec> before, Traits traits) {
        return new PeerSpec(id, host, port, before.map(PeerSpec::fanout).orElse(PeerSpec.DEFAULT_FANOUT),
                traits.mode().or(() -> before.map(PeerSpec::mode)).orElse("normal"),
                traits.nat().or(() -> before.map(PeerSpec::nat)).orElse(false), light,
                traits.localNetworkId().or(() -> before.map(PeerSpec::localNetworkId)).orElse(""), mine, apiPort);
    }

    /**
     * The bootstrap peers a new dynamic node's config lists: those that run now. A node keeps its
     * bootstrap peers for good, so one removed (or dead) before the new node started stayed
     * UNREACHABLE in its table for ever, and its peer count differed from its older neighbours'.
     * When none runs, all of them (the new node would know nobody).
     */
    static Map<String, PeerSpec> runningBootstrap(ClusterConfig bootstrap, Set<String> running) {
        Map<String, PeerSpec> peers = new LinkedHashMap<>();
        bootstrap.peers().forEach((id, spec) -> {
            if (running.contains(id)) {
                peers.put(id, spec);
            }
        });
        return peers.isEmpty() ? new LinkedHashMap<>(bootstrap.peers()) : peers;
    }

    /** Where a new dynamic node listens: the bootstrap peers' (first loopback) host, else 127.0.0.1. */
    private static String defaultHost(ClusterConfig bootstrap) {
        return bootstrap.peers().values().stream().map(PeerSpec::ip).filter(Ports::isLoopback).findFirst()
                .orElse("127.0.0.1");
    }

    /** This id's own entry in the config a previous {@code add} wrote for it, if any. */
    private static Optional<PeerSpec> recordedSelf(Path configFile, String id) {
        if (!Files.exists(configFile)) {
            return Optional.empty();
        }
        try {
            return ClusterConfig.load(configFile).peer(id);
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    /**
     * What the node of this id last ran on, for {@code add --id} to bring it back the same way: the
     * backend of its registry entry while it is listed (killed, or dead), else the one its
     * {@code options.json} recorded when it was started (it was removed), with the image recorded there.
     */
    public Optional<NodeRuntime> recordedRuntime(String id) {
        Optional<NodeRuntime> recorded = NodeOptions.read(registry.directory().nodeOptions(id)).runtime();
        return registry.node(id).map(NodeEntry::backend)
                .map(b -> new NodeRuntime(b, recorded.filter(r -> r.backend().equals(b)).flatMap(NodeRuntime::image)))
                .or(() -> recorded);
    }

    /**
     * The node's P2P port: its id when the id is a free port number (the seeds' convention,
     * peer 5011 on port 5011, HTTP 7011), else the first port above every known one whose P2P
     * and HTTP ports are both free.
     */
    private int freePort(String id, String host, ClusterConfig bootstrap, List<NodeEntry> running) {
        int highest = highestPort(bootstrap, running);
        int first = id.matches("\\d{4,5}") ? Integer.parseInt(id) : highest + 1;
        // a host that is not this machine's has no free port at all: say so, as up does, not "none free"
        failIf(Ports.whyNotLocal(host, first).map(reason -> "node " + id + " P2P: " + reason).stream().toList());
        int offset = bootstrap.httpPortOffset();
        if (id.matches("\\d{4,5}")) {
            int p = Integer.parseInt(id);
            if (p + offset <= 65_535 && portsFree(host, p, running, bootstrap, true)) {
                return p;
            }
        }
        for (int p = highest + 1; p <= highest + PORT_SCAN_LIMIT && p + offset <= 65_535; p++) {
            if (portsFree(host, p, running, bootstrap, true)) {
                return p;
            }
        }
        throw new ClusterException("no free P2P/HTTP port pair found on " + host + " above " + highest);
    }

    /**
     * Whether P2P port {@code p} and its HTTP port ({@link ClusterConfig#httpPortOffset} above, 2000
     * as in the seeds) are free for a new node: no running
     * node or bootstrap peer has either, and (with {@code probe}) this machine can listen on both.
     */
    private static boolean portsFree(String host, int p, List<NodeEntry> running, ClusterConfig bootstrap,
            boolean probe) {
        int api = p + bootstrap.httpPortOffset();
        boolean claimed = running.stream().anyMatch(n -> n.p2pPort() == p || n.apiPort() == p || n.p2pPort() == api
                || n.apiPort() == api)
                || bootstrap.peers().values().stream().anyMatch(b -> b.port() == p || b.apiPort() == p
                        || b.port() == api || b.apiPort() == api);
        return !claimed && (!probe || Ports.whyNotFree(host, p).isEmpty() && Ports.whyNotFree(apiHost(host), api).isEmpty());
    }

    /**
     * Why {@code id} cannot be a node id of a cluster (it names the node's directory), or empty if
     * it can; the reason reads after the id, "node id 'x' must be ...".
     */
    public static Optional<String> whyNotAnId(String id) {
        return id.matches(ID_PATTERN) ? Optional.empty()
                : Optional.of("must be 1-64 letters, digits, '.', '_' or '-', not starting with '.'");
    }

    /** The highest P2P port of the cluster's bootstrap peers and running nodes. */
    private static int highestPort(ClusterConfig bootstrap, List<NodeEntry> running) {
        int highest = bootstrap.peers().values().stream().mapToInt(PeerSpec::port).max().orElse(5000);
        for (NodeEntry n : running) {
            highest = Math.max(highest, n.p2pPort());
        }
        return highest;
    }

    /**
     * The id of a new dynamic node: the lowest number above the bootstrap set (5011 above 5000..5010;
     * in a cluster whose ids are no numbers, above its highest P2P port: c50..c54 on 7550..7554
     * gives 7555) that no listed node has and whose ports, the id itself and the HTTP port above it, are free
     * ({@code portsFree}). Ids of nodes that left are taken again, so a cluster that keeps adding
     * and removing nodes (the demo's churn) stays within as many ids and ports as it has nodes at
     * once, rather than taking new ones for ever.
     *
     * @param listed the ids of the registry's nodes, running or dead (a dead one waits for its own
     *     {@code add --id})
     */
    static String nextId(ClusterConfig bootstrap, Set<String> listed, IntPredicate portsFree) {
        long base = bootstrap.peers().keySet().stream().filter(s -> s.matches("\\d{1,9}")).mapToLong(Long::parseLong)
                .max().orElseGet(() -> highestPort(bootstrap, List.of()));
        int offset = bootstrap.httpPortOffset();
        for (long n = base + 1; n <= base + PORT_SCAN_LIMIT; n++) {
            String id = Long.toString(n);
            boolean ownPorts = n + offset <= 65_535;
            if (!listed.contains(id) && bootstrap.peer(id).isEmpty() && (!ownPorts || portsFree.test((int) n))) {
                return id;
            }
        }
        throw new ClusterException("no free node id in " + (base + 1) + ".." + (base + PORT_SCAN_LIMIT) + ": each is a "
                + "listed node's, or its ports are taken; give --id ID");
    }

    /** Watches, through every node's API, how the network takes in a node that just started listening. */
    public JoinReport watchJoin(NodeEntry joiner, Duration startup) {
        List<NodeEntry> others = registry.nodes().stream().filter(n -> !n.id().equals(joiner.id())).toList();
        long start = System.nanoTime();
        long deadline = start + WATCH_LIMIT.toNanos();
        Set<String> askable = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Optional<Duration> seenAfter = Optional.empty();
        Optional<Duration> syncedAfter = Optional.empty();
        long height = -1;
        while (System.nanoTime() < deadline) {
            for (NodeEntry o : others) {
                if (seen.contains(o.id())) {
                    continue;
                }
                Optional<List<PeerView>> peers = api.peers(o);
                if (peers.isPresent()) {
                    askable.add(o.id());
                    if (peers.get().stream().anyMatch(p -> p.id().equals(joiner.id()) && p.alive())) {
                        seen.add(o.id());
                        seenAfter = Optional.of(Duration.ofNanos(System.nanoTime() - start));
                    }
                }
            }
            if (syncedAfter.isEmpty() && api.ready(joiner)) {
                syncedAfter = Optional.of(Duration.ofNanos(System.nanoTime() - start));
                height = api.status(joiner).map(NodeStatus::height).orElse(-1L);
            }
            boolean allSeen = !askable.isEmpty() && seen.size() == askable.size();
            if (allSeen && syncedAfter.isPresent()) {
                break;
            }
            if (askable.isEmpty() && System.nanoTime() - start > Duration.ofSeconds(5).toNanos()
                    && !api.live(joiner)) {
                break;     // nobody has an HTTP API: nothing to watch
            }
            sleep(POLL);
        }
        // those that do not list it may ban it (a node back under a banned id): the report says so
        Map<String, String> bannedBy = new java.util.TreeMap<>();
        for (NodeEntry o : others) {
            if (askable.contains(o.id()) && !seen.contains(o.id())) {
                api.bans(o).map(b -> b.get(joiner.id())).ifPresent(reason -> bannedBy.put(o.id(), briefBanReason(reason)));
            }
        }
        return new JoinReport(joiner, startup, seen.size(), askable.size(), seenAfter, height, syncedAfter, bannedBy);
    }

    // ------------------------------------------------------------------ remove, kill, down

    /** Stops a node gracefully (GOODBYE with its pool handed over) and reports what the network saw. */
    public LeaveReport remove(String id) {
        try (ClusterRegistry.Held lock = registry.lock()) {
            NodeEntry node = registry.node(id).orElseThrow(() -> unknown(id));
            NodeBackend backend = backend(node.backend());
            if (!backend.isRunning(node)) {
                backend.release(node);
                registry.remove(id);
                return LeaveReport.alreadyDead(node);
            }
            List<NodeEntry> others = registry.nodes().stream().filter(n -> !n.id().equals(id)).toList();
            Optional<List<String>> pooled = api.pooledTxids(node);
            Set<String> listedBy = listing(others, id);
            // a peer the leaver banned gets no GOODBYE: asked now, while the leaver still answers
            Map<String, String> banned = api.bans(node).orElse(Map.of());
            long start = System.nanoTime();
            String how = requestLeave(backend, node);
            // timed from the signal that went through: a paused node's POST /shutdown first takes the API
            // timeout (5 s) to fail, and "did not exit within 35.1 s after SIGTERM" misread the 30 s wait
            long asked = System.nanoTime();
            boolean exited = backend.awaitExit(node, STOP_TIMEOUT);
            Duration exitedAfter = Duration.ofNanos(System.nanoTime() - asked);
            if (!exited) {
                return new LeaveReport(node, how, false, exitedAfter, pooled.map(List::size), -1, 0, listedBy.size(), Optional.empty());
            }
            // before release: a container's output goes with it
            Optional<Integer> handedOver = handedOverIn(backend.tail(node, 200), id);
            backend.release(node);
            registry.remove(id);
            Optional<Duration> removedAfter = Optional.empty();
            Set<String> still = listedBy;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                still = listing(others.stream().filter(o -> listedBy.contains(o.id())).toList(), id);
                if (still.isEmpty()) {
                    if (!listedBy.isEmpty()) {
                        removedAfter = Optional.of(Duration.ofNanos(System.nanoTime() - start));
                    }
                    break;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
                sleep(POLL);
            }
            int held = pooled.map(txids -> heldElsewhere(txids, others)).orElse(-1);
            Map<String, String> noGoodbye = new LinkedHashMap<>();
            still.stream().sorted().forEach(o -> noGoodbye.put(o, banned.containsKey(o)
                    ? "banned by the leaving node" + (banned.get(o).isBlank() ? "" : ": " + briefBanReason(banned.get(o)))
                    : ""));
            return new LeaveReport(node, how, true, exitedAfter, pooled.map(List::size), handedOver, held,
                    listedBy.size() - still.size(), listedBy.size(), removedAfter, noGoodbye);
        }
    }

    /**
     * How many transactions the node says it handed over as it left ("[5011] leaving: 41
     * transactions inline; 41 handed over in all"), from the end of its output: only this run's
     * (after the last "# " line, which the local backend writes at each start; a container's
     * output is this run's alone). Empty when it does not say (a log level above INFO).
     */
    static Optional<Integer> handedOverIn(String output, String id) {
        List<String> lines = output.lines().toList();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("# ")) {
                start = i + 1;
            }
        }
        Pattern leaving = Pattern.compile("\\[" + Pattern.quote(id) + "\\] leaving: .*; (\\d+) handed over in all");
        Optional<Integer> count = Optional.empty();
        for (String line : lines.subList(start, lines.size())) {
            Matcher m = leaving.matcher(line);
            if (m.find()) {
                count = Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return count;
    }

    /**
     * The first clause of a node's ban reason with long hashes cut to 8 digits ("invalid transaction
     * 8c66a9e1..."): the full reason, a script error of a few hundred characters, is in its
     * {@code GET /blacklist}, and a one-line report only needs to say what kind of offence it was.
     */
    static String briefBanReason(String reason) {
        int clause = reason.indexOf(": ");
        String first = clause < 0 ? reason : reason.substring(0, clause);
        return first.replaceAll("\\b([0-9a-f]{8})[0-9a-f]{56}\\b", "$1...");
    }

    /** The reason a partition's bans carry, by which {@link #heal} finds them. */
    public static final String PARTITION = "partition";

    /**
     * What {@link #partition} did: the groups (the nodes named in none form the last), the bans
     * placed, and the nodes that did not take theirs (not answering, or gone).
     */
    public record PartitionReport(List<List<String>> groups, int bans, Duration lasting, List<String> missed) {}

    /**
     * Splits the running network: every node bans every node of the other groups for
     * {@code lasting} (POST /blacklist, reason "partition"), so no message crosses, as when the
     * network between them is cut. The nodes named in no group form one more group. Blocks mined
     * on both sides fork the chain; {@link #heal} joins it again and the longer branch wins.
     */
    public PartitionReport partition(List<List<String>> named, Duration lasting) {
        List<NodeEntry> nodes = registry.nodes();
        Set<String> known = new HashSet<>();
        nodes.forEach(n -> known.add(n.id()));
        List<List<String>> groups = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (List<String> g : named) {
            for (String id : g) {
                if (!known.contains(id)) {
                    throw new ClusterException("node " + id + " is not in the cluster (see 'flint cluster ls')");
                }
                if (!placed.add(id)) {
                    throw new ClusterException("node " + id + " is named in two groups; a node is on one side");
                }
            }
            groups.add(List.copyOf(g));
        }
        List<String> rest = nodes.stream().map(NodeEntry::id).filter(id -> !placed.contains(id)).toList();
        if (!rest.isEmpty()) {
            groups.add(rest);
        }
        if (groups.size() < 2) {
            throw new ClusterException("a partition needs two sides: name the nodes of one (the rest form the "
                    + "other), or of several groups");
        }
        Map<String, Integer> sideOf = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            for (String id : groups.get(i)) {
                sideOf.put(id, i);
            }
        }
        int bans = 0;
        List<String> missed = new ArrayList<>();
        for (NodeEntry n : nodes) {
            boolean all = true;
            for (NodeEntry other : nodes) {
                if (!sideOf.get(n.id()).equals(sideOf.get(other.id()))) {
                    if (api.ban(n, other.id(), lasting, PARTITION)) {
                        bans++;
                    } else {
                        all = false;
                    }
                }
            }
            if (!all) {
                missed.add(n.id());
            }
        }
        return new PartitionReport(List.copyOf(groups), bans, lasting, List.copyOf(missed));
    }

    /** What {@link #heal} did: the bans lifted, and the nodes that could not be asked. */
    public record HealReport(int lifted, List<String> missed) {}

    /**
     * Lifts every ban a {@link #partition} placed (those whose reason is the operator's
     * "partition"), on every node that answers: configured peers are greeted at once, the rest
     * find each other again through their peers' lists.
     */
    public HealReport heal() {
        int lifted = 0;
        List<String> missed = new ArrayList<>();
        for (NodeEntry n : registry.nodes()) {
            Optional<Map<String, String>> bans = api.bans(n);
            if (bans.isEmpty()) {
                missed.add(n.id());
                continue;
            }
            for (Map.Entry<String, String> b : bans.get().entrySet()) {
                if (b.getValue().endsWith(": " + PARTITION) && api.unban(n, b.getKey())) {
                    lifted++;
                }
            }
        }
        return new HealReport(lifted, List.copyOf(missed));
    }

    /** POST /shutdown when the node takes it, else the backend's graceful signal. */
    private String requestLeave(NodeBackend backend, NodeEntry node) {
        if (api.shutdown(node)) {
            return "POST /shutdown";
        }
        return backend.terminate(node);
    }

    /** Which of {@code nodes} list {@code id} as a peer now (those whose API answers). */
    private Set<String> listing(List<NodeEntry> nodes, String id) {
        Set<String> out = new HashSet<>();
        for (NodeEntry o : nodes) {
            if (api.peers(o).map(ps -> ps.stream().anyMatch(p -> p.id().equals(id))).orElse(false)) {
                out.add(o.id());
            }
        }
        return out;
    }

    /** How many of {@code txids} some other live full node holds (pooled or confirmed). */
    private int heldElsewhere(List<String> txids, List<NodeEntry> others) {
        List<NodeEntry> full = others.stream().filter(o -> !o.role().startsWith("light")).toList();
        int held = 0;
        for (String txid : txids.subList(0, Math.min(MAX_TX_CHECKS, txids.size()))) {
            for (NodeEntry o : full) {
                if (api.knowsTransaction(o, txid).orElse(false)) {
                    held++;
                    break;
                }
            }
        }
        return held;
    }

    /** Stops a node at once (SIGKILL, docker kill): a crash, as its peers see it. */
    public LeaveReport kill(String id) {
        try (ClusterRegistry.Held lock = registry.lock()) {
            NodeEntry node = registry.node(id).orElseThrow(() -> unknown(id));
            NodeBackend backend = backend(node.backend());
            if (!backend.isRunning(node)) {
                return LeaveReport.alreadyDead(node);
            }
            long start = System.nanoTime();
            backend.kill(node);
            boolean exited = backend.awaitExit(node, Duration.ofSeconds(10));
            Duration after = Duration.ofNanos(System.nanoTime() - start);
            if (exited) {
                backend.release(node);
                // listed as dead until remove or down: a crash the user made should not vanish from ls
                registry.put(node.endedBy(KILLED));
            }
            return new LeaveReport(node, exited ? "SIGKILL" : "kill", exited, after, Optional.empty(), -1, 0, 0,
                    Optional.empty());
        }
    }

    /**
     * Every node the cluster started, with what it says about itself; a node whose backend cannot
     * be asked (the Docker daemon is down) is listed as unknown, the others as they are.
     */
    public List<NodeRow> list() {
        return rows(true);
    }

    /**
     * Every node the cluster started, running or dead, without asking any node's API (no status):
     * cheap enough to watch for nodes dying every second.
     */
    public List<NodeRow> processes() {
        return rows(false);
    }

    private List<NodeRow> rows(boolean askStatus) {
        List<NodeRow> rows = new ArrayList<>();
        for (NodeEntry n : registry.nodes()) {
            boolean running;
            try {
                running = backend(n.backend()).isRunning(n);
            } catch (BackendUnreachableException e) {
                rows.add(NodeRow.unknown(n, e.brief()));
                continue;
            }
            rows.add(new NodeRow(n, running, running && askStatus ? api.status(n) : Optional.empty()));
        }
        return rows;
    }

    /**
     * How a node that no longer runs ended: its exit code when this manager's backend started it
     * ("exit code 137, killed by SIGKILL; see .../node.log"), else what the registry knows.
     */
    public String howItEnded(NodeEntry node) {
        Optional<String> status;
        try {
            status = backend(node.backend()).exitStatus(node);
        } catch (BackendUnreachableException e) {
            status = Optional.empty();
        }
        return status.map(s -> s + (node.logFile().isEmpty() ? "" : "; see " + node.logFile()))
                .orElseGet(node::deathReason);
    }

    /**
     * Why the backends of some registered nodes cannot be asked, one message per backend (the
     * daemon's address and the fix); empty when every backend answers.
     */
    public List<String> unreachableBackends() {
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeEntry n : registry.nodes()) {
            if (out.containsKey(n.backend())) {
                continue;
            }
            try {
                backend(n.backend()).isRunning(n);
            } catch (BackendUnreachableException e) {
                out.put(n.backend(), e.getMessage());
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Stops every node gracefully, all at once; one that does not exit in time is killed. A node
     * whose backend cannot be asked (the Docker daemon is down) is not stopped and stays listed,
     * reported as {@link LeaveReport#UNREACHABLE}; the others stop and leave the list.
     */
    public List<LeaveReport> down() {
        try (ClusterRegistry.Held lock = registry.lock()) {
            return stopAll(registry.nodes());
        }
    }

    private List<LeaveReport> stopAll(List<NodeEntry> nodes) {
        long start = System.nanoTime();
        Map<NodeEntry, String> how = new LinkedHashMap<>();
        for (NodeEntry n : nodes) {
            NodeBackend backend = backend(n.backend());
            try {
                how.put(n, backend.isRunning(n) ? requestLeave(backend, n) : LeaveReport.ALREADY_DEAD);
            } catch (BackendUnreachableException e) {
                how.put(n, LeaveReport.UNREACHABLE);
            }
        }
        List<LeaveReport> reports = new ArrayList<>();
        for (Map.Entry<NodeEntry, String> e : how.entrySet()) {
            NodeEntry n = e.getKey();
            if (e.getValue().equals(LeaveReport.UNREACHABLE)) {
                // unknown whether it runs: kept in the list, so a later down (with the daemon back) stops it
                reports.add(LeaveReport.unreachable(n));
                continue;
            }
            NodeBackend backend = backend(n.backend());
            try {
                Duration remaining = STOP_TIMEOUT.minusNanos(System.nanoTime() - start);
                boolean exited = backend.awaitExit(n, remaining.isNegative() ? Duration.ZERO : remaining);
                String stoppedBy = e.getValue();
                if (!exited) {
                    backend.kill(n);
                    backend.awaitExit(n, Duration.ofSeconds(10));
                    stoppedBy = "SIGKILL after " + e.getValue() + " timed out";
                }
                backend.release(n);
                registry.remove(n.id());
                reports.add(new LeaveReport(n, stoppedBy, true, Duration.ofNanos(System.nanoTime() - start),
                        Optional.empty(), -1, 0, 0, Optional.empty()));
            } catch (BackendUnreachableException lost) {
                reports.add(LeaveReport.unreachable(n));
            }
        }
        return reports;
    }

    // ------------------------------------------------------------------ helpers

    /** The registered nodes whose process or container runs. */
    private List<NodeEntry> running() {
        return registry.nodes().stream().filter(n -> backend(n.backend()).isRunning(n)).toList();
    }

    /** Drops registry entries whose node is dead, freeing what is left of them (a container). */
    private void forgetDead() {
        for (NodeEntry n : registry.nodes()) {
            NodeBackend backend = backend(n.backend());
            if (!backend.isRunning(n)) {
                backend.release(n);
                registry.remove(n.id());
            }
        }
    }

    private ClusterException unknown(String id) {
        List<NodeEntry> nodes = registry.nodes();
        return new ClusterException("no node " + id + " in the cluster at " + registry.directory().root()
                + (nodes.isEmpty() ? " (it has no nodes)" : " (nodes: " + ids(nodes) + ")"));
    }

    private static ClusterConfig loadConfig(Path config) {
        try {
            return ClusterConfig.load(config);
        } catch (ConfigException e) {
            throw new ClusterException(e.getMessage());
        }
    }

    /** One address and port a node listens on. */
    private record Listener(String node, String kind, String host, int port) {}

    private static List<Listener> listeners(PeerSpec p) {
        return List.of(new Listener(p.id(), "P2P", p.ip(), p.port()),
                new Listener(p.id(), "HTTP", apiHost(p.ip()), p.apiPort()));
    }

    /**
     * Every pair of listeners on one address and port, naming both nodes and the port: the second
     * of them could not start (its HTTP API fails a second after it listens), and a free-port check
     * before anything runs cannot see it.
     */
    private static List<String> portClashes(List<Listener> listeners) {
        Map<String, Listener> byAddress = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Listener l : listeners) {
            Listener first = byAddress.putIfAbsent(address(l.host()) + ":" + l.port(), l);
            if (first == null) {
                continue;
            }
            String whose = first.node().equals(l.node())
                    ? "node " + l.node() + "'s " + first.kind() + " and " + l.kind() + " ports"
                    : "node " + first.node() + "'s " + first.kind() + " port and node " + l.node() + "'s " + l.kind()
                            + " port";
            clashes.add(whose + " are both " + l.host() + ":" + l.port() + " (every port of a host must differ)");
        }
        return clashes;
    }

    /** The address a host name stands for, so "localhost" and "127.0.0.1" are one host. */
    private static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    private static Optional<String> portProblem(String host, int port, String what) {
        return Ports.whyNotFree(host, port).map(reason -> what + ": " + reason);
    }

    private static void failIf(List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        int shown = Math.min(problems.size(), 6);
        String more = problems.size() > shown ? " (and " + (problems.size() - shown) + " more)" : "";
        throw new ClusterException("nothing was started: " + String.join("; ", problems.subList(0, shown)) + more);
    }

    /** The HTTP API binds beside the P2P port on loopback hosts, else on 127.0.0.1 (never exposed by default). */
    static String apiHost(String p2pHost) {
        return Ports.isLoopback(p2pHost) ? p2pHost : "127.0.0.1";
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%s", s);
    }

    private static String ids(List<NodeEntry> nodes) {
        return String.join(", ", nodes.stream().map(NodeEntry::id).toList());
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("    (nothing)");
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            if (!from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
                Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ClusterException("cannot copy " + from + " to " + to + ": " + IoReason.of(e));
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file + ": " + IoReason.of(e));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted");
        }
    }
}
