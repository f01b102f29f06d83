package io.flint.node;

import io.flint.core.NetworkParams;
import io.flint.crypto.Address;
import io.flint.net.tcp.ConnectionLimits;
import io.flint.net.tcp.TcpConfig;
import io.flint.node.config.PeerSpec;
import io.flint.p2p.LinkSimulation;
import io.flint.p2p.transport.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything one node needs to start, resolved from config.json, flags and environment.
 *
 * @param id the node id ("5000")
 * @param network demo or regtest parameters
 * @param dataDir where the chain, wallet, token and peer table live
 * @param inMemoryChain keep the chain in memory instead of RocksDB (tests, simulations)
 * @param advertised the P2P endpoint peers should connect to (in HELLO)
 * @param p2pBind the host the P2P socket binds (the advertised host unless told otherwise)
 * @param apiBind the host the HTTP API binds (127.0.0.1 unless --api-bind)
 * @param apiPort the HTTP API port (0 = any free port)
 * @param mine mine continuously from start
 * @param miningThreads nonce-search threads when mining
 * @param mineInterval the least time between two blocks of continuous mining (empty: the
 *     network's default, {@link io.flint.mining.MinerConfig#continuousIntervalFor}: 1 s on regtest,
 *     none on demo); {@code POST /mine} is never held back by it
 * @param minerAddress where block rewards go (default: the node wallet's first address)
 * @param txInterval pay a random peer this often from the node wallet (empty = never)
 * @param fanout peers each gossip message goes to
 * @param malicious emit invalid blocks and transactions (for experiments)
 * @param nat behind NAT: reachable directly only from its local network
 * @param light keep headers only
 * @param localNetworkId the NAT local network ("" = public)
 * @param dynamic join as a new node (HELLO with new_node, GET_PEERS...)
 * @param link the simulated link (capacity, drops, delay), {@link LinkSimulation#OFF} for none
 * @param bootstrap the other peers of config.json
 * @param scriptThreads worker threads for a block's signature checks
 * @param maxInbound inbound TCP connections open at once (a full-mesh local cluster of N nodes
 *     needs N - 1 on each node)
 * @param freeSpaceFloor the least free space kept on the data directory's disk: below it the node
 *     does not start, or stops (not checked for a chain kept in memory)
 * @param saveInterval how often the running node writes its peer table to peers.json and its
 *     pool to mempool.txt (it does at a clean stop too), so a killed node restarts with the peers
 *     it had learned and the payments no block has taken yet
 */
public record NodeSettings(
        String id,
        NetworkParams network,
        Path dataDir,
        boolean inMemoryChain,
        Endpoint advertised,
        String p2pBind,
        String apiBind,
        int apiPort,
        boolean mine,
        int miningThreads,
        Optional<Duration> mineInterval,
        Optional<Address> minerAddress,
        Optional<Duration> txInterval,
        int fanout,
        boolean malicious,
        boolean nat,
        boolean light,
        String localNetworkId,
        boolean dynamic,
        LinkSimulation link,
        List<PeerSpec> bootstrap,
        int scriptThreads,
        int maxInbound,
        FreeSpaceFloor freeSpaceFloor,
        Duration saveInterval) {

    public NodeSettings {
        bootstrap = List.copyOf(bootstrap);
        if (miningThreads < 1) {
            throw new IllegalArgumentException("--mining-threads must be at least 1");
        }
        if (mineInterval.isPresent() && mineInterval.get().isNegative()) {
            throw new IllegalArgumentException("the mining interval must not be negative, got " + mineInterval.get());
        }
        if (scriptThreads < 1) {
            throw new IllegalArgumentException("script threads must be at least 1");
        }
        if (apiPort < 0 || apiPort > 65_535) {
            throw new IllegalArgumentException("--api-port " + apiPort + " is outside 0..65535");
        }
        if (fanout < 1) {
            throw new IllegalArgumentException("--fanout must be at least 1");
        }
        if (maxInbound < 1 || maxInbound > MAX_INBOUND_LIMIT) {
            throw new IllegalArgumentException("--max-inbound must be 1.." + MAX_INBOUND_LIMIT + ", got " + maxInbound);
        }
        if (saveInterval.isNegative() || saveInterval.isZero()) {
            throw new IllegalArgumentException("the save interval of the peer table and pool must be positive, got " + saveInterval);
        }
    }

    /** More sockets than this would run into the usual limit of 4,096 open files per process. */
    public static final int MAX_INBOUND_LIMIT = 3_000;

    /**
     * The node's TCP settings: the defaults with {@link #maxInbound}; the per-host limit stays
     * the default unless the total is smaller.
     */
    public TcpConfig tcpConfig() {
        ConnectionLimits limits = TcpConfig.DEFAULTS.limits();
        return TcpConfig.DEFAULTS.withLimits(limits.withInbound(maxInbound,
                Math.min(limits.maxInboundPerHost(), maxInbound), limits.exemptLocal()));
    }

    /** A node from its entry in a config file, with the other peers as its bootstrap set. */
    public static Builder fromPeer(PeerSpec self, List<PeerSpec> others, NetworkParams network, Path dataDir) {
        Builder b = new Builder();
        b.id = self.id();
        b.network = network;
        b.dataDir = dataDir;
        b.advertised = new Endpoint(self.ip(), self.port());
        b.p2pBind = self.ip();
        b.apiPort = self.apiPort();
        b.mine = self.mine();
        b.fanout = self.fanout();
        b.malicious = self.malicious();
        b.nat = self.nat();
        b.light = self.light();
        b.localNetworkId = self.localNetworkId();
        b.bootstrap = others;
        return b;
    }

    public String role() {
        return PeerSpec.roleOf(light, mine, malicious, nat);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.network = network;
        b.dataDir = dataDir;
        b.inMemoryChain = inMemoryChain;
        b.advertised = advertised;
        b.p2pBind = p2pBind;
        b.apiBind = apiBind;
        b.apiPort = apiPort;
        b.mine = mine;
        b.miningThreads = miningThreads;
        b.mineInterval = mineInterval;
        b.minerAddress = minerAddress;
        b.txInterval = txInterval;
        b.fanout = fanout;
        b.malicious = malicious;
        b.nat = nat;
        b.light = light;
        b.localNetworkId = localNetworkId;
        b.dynamic = dynamic;
        b.link = link;
        b.bootstrap = bootstrap;
        b.scriptThreads = scriptThreads;
        b.maxInbound = maxInbound;
        b.freeSpaceFloor = freeSpaceFloor;
        b.saveInterval = saveInterval;
        return b;
    }

    /** Mutable on the way in, so the command line can apply its flags one by one. */
    public static final class Builder {
        public String id = "5000";
        public NetworkParams network = NetworkParams.DEMO;
        public Path dataDir = Path.of("data", "5000");
        public boolean inMemoryChain;
        public Endpoint advertised = new Endpoint("127.0.0.1", 5000);
        public String p2pBind = "127.0.0.1";
        public String apiBind = "127.0.0.1";
        public int apiPort = 7000;
        public boolean mine;
        public int miningThreads = 1;
        public Optional<Duration> mineInterval = Optional.empty();
        public Optional<Address> minerAddress = Optional.empty();
        public Optional<Duration> txInterval = Optional.empty();
        public int fanout = PeerSpec.DEFAULT_FANOUT;
        public boolean malicious;
        public boolean nat;
        public boolean light;
        public String localNetworkId = "";
        public boolean dynamic;
        public LinkSimulation link = LinkSimulation.OFF;
        public List<PeerSpec> bootstrap = List.of();
        public int scriptThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        public int maxInbound = TcpConfig.DEFAULTS.limits().maxInbound();
        public FreeSpaceFloor freeSpaceFloor = FreeSpaceFloor.DEFAULT;
        public Duration saveInterval = Duration.ofMinutes(5);

        public NodeSettings build() {
            return new NodeSettings(id, network, dataDir, inMemoryChain, advertised, p2pBind, apiBind, apiPort, mine,
                    miningThreads, mineInterval, minerAddress, txInterval, fanout, malicious, nat, light, localNetworkId, dynamic,
                    link, bootstrap, scriptThreads, maxInbound, freeSpaceFloor, saveInterval);
        }
    }
}
