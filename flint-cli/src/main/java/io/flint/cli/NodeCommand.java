package io.flint.cli;

import io.flint.core.NetworkParams;
import io.flint.api.ApiOptions;
import io.flint.api.ApiServer;
import io.flint.crypto.Address;
import io.flint.node.DataDirectory;
import io.flint.node.FlintNode;
import io.flint.node.FreeSpaceFloor;
import io.flint.node.NodeSettings;
import io.flint.node.config.ClusterConfig;
import io.flint.node.config.ConfigException;
import io.flint.node.config.IoReason;
import io.flint.node.config.PeerSpec;
import io.flint.p2p.LinkSimulation;
import io.flint.p2p.transport.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flint node}: run one node until SIGTERM or Ctrl-C, then leave gracefully. */
@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one Flint node: it validates and stores the chain, keeps a transaction pool, mines if "
            + "asked, and serves its HTTP API and dashboard (http://127.0.0.1:<P2P port + 2000>/).",
            "Stop it with Ctrl-C or SIGTERM: it finishes its work and exits cleanly."},
        footer = {"", "Example: flint node --id 5001 --config config.local.json --mine"})
final class NodeCommand implements Callable<Integer> {
    /** In the data directory: the API's URL for local clients (see {@link #writeApiUrl}). */
    private static final Logger log = LoggerFactory.getLogger(NodeCommand.class);

    @Option(names = "--id", required = true, defaultValue = "${env:FLINT_ID}",
            description = "This node's id, e.g. 5000 (env FLINT_ID).")
    String id;

    @Option(names = "--config", defaultValue = "${env:FLINT_CONFIG}", paramLabel = "FILE",
            description = "config.json with the bootstrap peers (env FLINT_CONFIG). Without it the node runs alone.")
    Path config;

    @Option(names = "--network", defaultValue = "${env:FLINT_NETWORK:-demo}", paramLabel = "NAME",
            description = "demo (default: ~10 s blocks, retargeting) or regtest (trivial proof of work); env FLINT_NETWORK.")
    String network;

    @Option(names = "--data-dir", defaultValue = "${env:FLINT_DATA_DIR}", paramLabel = "DIR",
            description = "Where the chain, wallet and keys live (default: data/<id>; env FLINT_DATA_DIR).")
    Path dataDir;

    @Option(names = "--ip", defaultValue = "${env:FLINT_IP}", paramLabel = "HOST",
            description = "The address peers reach this node at (default: from the config, else 127.0.0.1; env "
                    + "FLINT_IP), e.g. a container's name on a Docker network, with --p2p-bind 0.0.0.0.")
    String ip;

    @Option(names = "--port", paramLabel = "PORT", description = "P2P port (default: from the config; for a node not in it, the id when the id is a number "
                    + "1..65535, as in the seeds; else --port is required).")
    Integer port;

    @Option(names = "--p2p-bind", defaultValue = "${env:FLINT_P2P_BIND}", paramLabel = "HOST",
            description = "Address the P2P socket binds (default: the advertised --ip; env FLINT_P2P_BIND), e.g. 0.0.0.0 "
                    + "in a pod that advertises its DNS name.")
    String p2pBind;

    @Option(names = "--peers", defaultValue = "${env:PEER_NODES}", split = ",", paramLabel = "HOST:PORT",
            description = "Bootstrap peers known only by address, comma-separated (env PEER_NODES); each is greeted "
                    + "until it answers.")
    List<String> peerAddresses;

    @Option(names = "--api-port", paramLabel = "PORT", description = "HTTP API port (default: P2P port + 2000; 0 = any free port, logged at start).")
    Integer apiPort;

    @Option(names = "--api-bind", defaultValue = "${env:FLINT_API_BIND:-127.0.0.1}", paramLabel = "HOST",
            description = "Address the HTTP API binds (default 127.0.0.1; env FLINT_API_BIND).")
    String apiBind;

    @Option(names = "--mine", defaultValue = "${env:FLINT_MINE:-false}", fallbackValue = "true", arity = "0",
            description = "Mine continuously (env FLINT_MINE=true, e.g. for every pod of a StatefulSet).")
    boolean mine;

    @Option(names = "--mining-threads", defaultValue = "1", paramLabel = "N", description = "Nonce-search threads (default 1).")
    int miningThreads;

    @Option(names = "--mine-interval", paramLabel = "SECONDS",
            description = "Least time between two blocks of continuous mining (default: 1 on regtest, whose proof of "
                + "work is trivial, so peers do not ban the node for flooding; 0 on demo). POST /mine is never held back.")
    Double mineInterval;

    @Option(names = "--miner-address", paramLabel = "ADDR",
            description = "Pay block rewards here (default: the node wallet's first address).")
    String minerAddress;

    @Option(names = "--tx-interval", paramLabel = "SECONDS",
            description = "Every SECONDS, pay a random known peer from the node wallet (real signed transactions).")
    Double txInterval;

    @Option(names = "--fanout", paramLabel = "N", description = "Peers each gossiped message goes to (default: from the config, else 2).")
    Integer fanout;

    @Option(names = "--max-inbound", paramLabel = "N", description = "Inbound peer connections open at once (default 125; "
            + "a local cluster where every node dials every other needs one per other node).")
    Integer maxInbound;

    @Option(names = "--min-free-space", paramLabel = "MIB", description = "Free space kept on the data directory's disk, "
            + "in MiB (default 50, as Bitcoin Core; 0: no check). Below it the node does not start, or stops, before a "
            + "block write fails.")
    Long minFreeSpace;

    @Option(names = "--mode", paramLabel = "MODE", description = "normal or malicious (emits invalid blocks and transactions).")
    String mode;

    @Option(names = "--dynamic", description = "Join as a new node: announce with HELLO new_node, learn peers with GET_PEERS.")
    boolean dynamic;

    @Mixin
    LinkOptions link;

    @Option(names = "--log-level", defaultValue = "${env:FLINT_LOG_LEVEL}", paramLabel = "LEVEL",
            description = "TRACE, DEBUG, INFO (default), WARN, ERROR or OFF (env FLINT_LOG_LEVEL). DEBUG adds accepted transactions.")
    String logLevel;

    @Option(names = "--log-file", defaultValue = "${env:FLINT_LOG_FILE}", paramLabel = "FILE",
            description = "Also write the log to FILE, one line per event (env FLINT_LOG_FILE).")
    Path logFile;

    /** Set when the node stopped itself (a full disk): its reason is in the log already. */
    private boolean stoppedItself;

    @Override
    public Integer call() throws Exception {
        LogSettings.apply(logLevel, logFile);
        try {
            return run();
        } catch (UserError e) {
            if (!stoppedItself) {
                // why it did not start, in the log file too (a stop of its own was logged as it happened)
                LogSettings.toFileOnly(NodeCommand.class, e.getMessage());
            }
            throw e;
        }
    }

    private Integer run() throws Exception {
        NodeSettings settings = settings();
        List<Endpoint> bootstrapAddresses = AddressBootstrap.parse(peerAddresses == null ? List.of() : peerAddresses);
        // before the data directory, wallet and api.token exist: a busy port leaves nothing behind
        PortsFree.check(settings.id(), "P2P", "--p2p-bind or env FLINT_P2P_BIND, else --ip or the config",
                settings.p2pBind(), settings.advertised().port());
        PortsFree.check(settings.id(), "HTTP API", "--api-bind or env FLINT_API_BIND", settings.apiBind(),
                settings.apiPort());
        // before the data directory too (FlintNode checks again for its other owners)
        settings.freeSpaceFloor().startRefusal(settings.dataDir()).ifPresent(refusal -> {
            throw new UserError("node " + settings.id() + " cannot start: " + refusal);
        });
        createDataDirectory(settings);
        CountDownLatch stopRequested = new CountDownLatch(1);
        // from here a stop signal is a request, even while the node starts (seconds on a big
        // store): the start completes, then the node stops cleanly, with exit code 0
        StopSignals.onStop(signal -> {
            log.info("{} received: stopping", signal);
            stopRequested.countDown();
        });
        FlintNode node = new FlintNode(settings);
        try {
            node.start();
        } catch (RuntimeException e) {
            throw new UserError("node " + settings.id() + " could not start: " + e.getMessage());
        }
        // the store is ours now: an api.url left by an earlier run that did not stop cleanly goes,
        // so nothing (the image's HEALTHCHECK) asks that address before this run's API serves
        removeApiUrl(node);
        if (stopRequested.getCount() == 0) {
            node.stop();
            return ExitCodes.OK;
        }
        // the hook is in place before the HTTP API starts (a second or more): whatever ends the JVM
        // meanwhile (a signal the node does not handle) still stops the node, with GOODBYE
        Stopper stopper = new Stopper(node);
        Thread hook = new Thread(stopper::stop, "flint-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // a node that can no longer store blocks (its disk is full) stops as a stop signal stops it
        node.halted().thenRun(stopRequested::countDown);
        try {
            ApiServer api = new ApiServer(node, ApiOptions.DEFAULTS, stopRequested::countDown, List.of()).start();
            stopper.serving(api);
            writeApiUrl(node, api);
        } catch (RuntimeException e) {
            stopper.stop();
            throw new UserError("node " + settings.id() + " could not start its HTTP API: " + e.getMessage());
        }
        new AddressBootstrap(node, bootstrapAddresses).start();
        stopRequested.await();
        stopper.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook finds everything stopped
        }
        if (node.halted().isDone()) {
            stoppedItself = true;
            throw new UserError("node " + settings.id() + " stopped: " + node.halted().join());
        }
        return ExitCodes.OK;
    }

    /**
     * {@code <data-dir>/api.url}: where a client on this machine (or in this container: the
     * image's HEALTHCHECK) reaches the API, whatever port the config or flags chose.
     */
    private static void writeApiUrl(FlintNode node, ApiServer api) {
        try {
            DataDirectory.writeOwnerOnly(node.dataDirectory().apiUrl(), api.url() + "\n");
        } catch (IOException e) {
            log.warn("could not write {}: {}", node.dataDirectory().apiUrl(), e.getMessage());
        }
    }

    /** Once the API is stopped its URL is no address of this node: a client or health check asks nothing there. */
    private static void removeApiUrl(FlintNode node) {
        try {
            Files.deleteIfExists(node.dataDirectory().apiUrl());
        } catch (IOException e) {
            log.warn("could not remove {}: {}", node.dataDirectory().apiUrl(), e.getMessage());
        }
    }

    /** Stops the API first (no request sees a half-stopped node), then the node (GOODBYE to peers); once. */
    private static final class Stopper {
        private final FlintNode node;
        private ApiServer api;
        private boolean stopped;

        Stopper(FlintNode node) {
            this.node = node;
        }

        /** The API once it runs; stopped at once if a stop came while it started. */
        synchronized void serving(ApiServer started) {
            if (stopped) {
                started.stop();
                return;
            }
            api = started;
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            if (api != null) {
                api.stop();
                removeApiUrl(node);
            }
            node.stop();
        }
    }

    NodeSettings settings() {
        if (id == null || id.isBlank()) {
            throw new UserError("--id is required (or set FLINT_ID)", ExitCodes.USAGE);
        }
        if (!PeerSpec.isValidId(id)) {
            throw new UserError("--id '" + id + "' is not a node id: it must be " + PeerSpec.ID_RULE, ExitCodes.USAGE);
        }
        NetworkParams params = NetworkOption.parse(network);
        ClusterConfig cluster;
        try {
            cluster = config == null ? new ClusterConfig(java.util.Map.of(), false) : ClusterConfig.load(config);
        } catch (ConfigException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
        checkPort("--port", port, 1);
        checkPort("--api-port", apiPort, 0);
        Optional<PeerSpec> mine = cluster.peer(id);
        PeerSpec self;
        if (mine.isPresent()) {
            self = mine.get();
        } else {
            // a node outside the config (a dynamic one joining, as the seeds run them) still has the
            // config's peers to bootstrap from; its port is --port, else its id
            int p = port == null ? portFromId() : port;
            // --api-port (0 = any free port) replaces this below: the spec only holds real ports
            self = new PeerSpec(id, ip == null ? "127.0.0.1" : ip, p, PeerSpec.DEFAULT_FANOUT, "normal", false, false, "",
                    false, p + PeerSpec.HTTP_PORT_OFFSET);
        }
        List<PeerSpec> others = cluster.peers().values().stream().filter(p -> !p.id().equals(id)).toList();
        NodeSettings.Builder b = NodeSettings.fromPeer(self, others, params,
                dataDir == null ? Path.of("data", id) : dataDir);
        if (ip != null || port != null) {
            b.advertised = new Endpoint(ip == null ? self.ip() : ip, port == null ? self.port() : port);
            b.p2pBind = b.advertised.host();
        }
        if (p2pBind != null && !p2pBind.isBlank()) {
            b.p2pBind = p2pBind.strip();
        }
        b.apiBind = apiBind;
        if (apiPort != null) {
            b.apiPort = apiPort;
        } else if (port != null && mine.isEmpty()) {
            b.apiPort = port + PeerSpec.HTTP_PORT_OFFSET;
        }
        b.mine = this.mine || self.mine();
        b.miningThreads = miningThreads;
        if (minerAddress != null) {
            try {
                b.minerAddress = Optional.of(Address.parse(minerAddress.strip(), params.addressVersion()));
            } catch (IllegalArgumentException e) {
                throw new UserError("--miner-address: " + e.getMessage(), ExitCodes.USAGE);
            }
        }
        if (txInterval != null) {
            b.txInterval = Seconds.positive(txInterval, "--tx-interval").map(Seconds::duration);
        }
        if (mineInterval != null) {
            b.mineInterval = Seconds.nonNegative(mineInterval, "--mine-interval").map(Seconds::duration);
        }
        if (fanout != null) {
            b.fanout = fanout;
        }
        if (maxInbound != null) {
            b.maxInbound = maxInbound;
        }
        if (minFreeSpace != null) {
            try {
                b.freeSpaceFloor = FreeSpaceFloor.ofMebibytes(minFreeSpace);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), ExitCodes.USAGE);
            }
        }
        if (mode != null) {
            if (!mode.equals("normal") && !mode.equals("malicious")) {
                throw new UserError("--mode must be normal or malicious, not '" + mode + "'", ExitCodes.USAGE);
            }
            b.malicious = mode.equals("malicious");
        }
        b.dynamic = dynamic || cluster.dynamicDiscovery() && mine.isEmpty();
        b.link = link.simulation().orElse(LinkSimulation.OFF);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
    }

    /**
     * The P2P port of a node neither the config nor --port gives one: its id when that is a port
     * number, as the seeds name nodes (FLINT_ID=5000 alone listens on 5000); any other id would
     * otherwise take some fixed port another node may use, so it must say which.
     */
    private int portFromId() {
        if (id.matches("[0-9]{1,5}")) {
            int p = Integer.parseInt(id);
            if (p >= 1 && p <= 65_535) {
                return p;
            }
        }
        throw new UserError("node " + id + (config == null ? "" : " is not in " + config + " and") + " has no P2P port: "
                + "give --port PORT (and --ip HOST) to run it (without --port, only an id that is a number 1..65535 is "
                + "its port)", ExitCodes.USAGE);
    }

    /**
     * Made here, after the port checks, so a directory that cannot be made is named with the
     * reason: the node's own message from the JDK is often only the path again.
     */
    private static void createDataDirectory(NodeSettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileAlreadyExistsException ? "it is a file, not a directory"
                    : IoReason.of(e);
            throw new UserError("node " + settings.id() + " cannot start: cannot create the data directory "
                    + settings.dataDir() + ": " + why);
        }
    }

    /** A port option out of range is a usage error naming the option, before anything starts. */
    private static void checkPort(String option, Integer value, int lowest) {
        if (value != null && (value < lowest || value > 65_535)) {
            throw new UserError(option + " " + value + " is outside " + lowest + "..65535", ExitCodes.USAGE);
        }
    }
}
