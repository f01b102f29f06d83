package io.flint.p2p;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every timer and limit of the protocol engine, named and defaulted ({@link #defaults}); the
 * node builds it from config.json and flags. docs/protocol.md explains each.
 *
 * @param identity who this node is
 * @param bootstrapPeers the peers of config.json (and, after a restart, of peers.json)
 * @param fanout how many random peers each gossiped transaction or block announcement goes to
 * @param dynamic {@code --dynamic}: join with new_node, ask GET_PEERS, refresh peers periodically
 * @param pingInterval how often each peer is pinged
 * @param peerTimeout silence after which a peer is UNREACHABLE
 * @param peerExpiry further silence after which a non-bootstrap peer is forgotten
 * @param maxPingBackoff the longest interval between pings to a silent peer (no reconnect storm)
 * @param peerRefreshInterval how often a dynamic node asks GET_PEERS and greets new peers
 * @param departedMemory how long a peer that said GOODBYE is not re-learned from others' lists
 * @param syncInterval how often a node asks a random peer for its latest block (safety net)
 * @param requestTimeout how long a header or block request may go unanswered before another peer is asked
 * @param headersPerRequest headers per GET_BLOCK_HEADERS (protocol maximum 100)
 * @param blocksPerRequest block ids per GETBLOCK during sync
 * @param maxBlocksInFlightPerPeer blocks requested from one peer and not yet received
 * @param downloadWindow how far beyond the block tip a sync downloads (bounds the orphans held)
 * @param syncPeers how many peers are asked GET_LATEST_BLOCK / GET_PEERS / GET_MEMPOOL at once
 * @param orphanParentDepth how many missing ancestors are fetched one by one before a header sync is used
 * @param queueLimit total messages the outbox holds
 * @param destinationQueueLimit messages the outbox holds for one destination
 * @param destinationRate messages per second to one destination
 * @param destinationBurst burst to one destination
 * @param maxRetries send attempts after the first before a message is dropped
 * @param retryBackoff delay before the first retry, doubled on each next
 * @param link simulated link conditions
 * @param inboundRate messages per second accepted from one sender
 * @param inboundBurst burst accepted from one sender
 * @param banThreshold offences that get a peer banned
 * @param banDuration how long a ban lasts
 * @param relayHops how many relays a RELAY may pass (hops_left)
 * @param maliciousInterval how often a malicious node sends forged data
 * @param seenMessages how many message ids are remembered for de-duplication
 * @param mempoolBatch transactions per MEMPOOL_DATA / MEMPOOL_TRANSFER / GOODBYE
 * @param leaveDeadline the longest a graceful leave waits for the outbox to drain
 * @param snapshotInterval how often the snapshot for other threads is republished
 * @param maxPeers the most peers the table holds (bootstrap and persisted peers are always taken):
 *     a HELLO from a new peer when it is full takes the place of a silent learned peer, or is not added
 * @param maxPeersPerList the most new peers one PEERS_LIST adds (the rest of the list is ignored)
 * @param greetRate greetings per second to peers learned from others (PEERS_LIST, NEW_PEER): a
 *     long list is dialled a few at a time, not all at once
 * @param greetBurst greetings to learned peers sent at once before {@code greetRate} paces them
 * @param noAnswerWarning how long the peers greeted at start (or an address added later) have to
 *     answer before the node logs that they did not: a WARN when none of those tried at start did
 */
public record P2pConfig(NodeIdentity identity, List<PeerRecord> bootstrapPeers, int fanout, boolean dynamic,
        Duration pingInterval, Duration peerTimeout, Duration peerExpiry, Duration maxPingBackoff,
        Duration peerRefreshInterval, Duration departedMemory, Duration syncInterval, Duration requestTimeout,
        int headersPerRequest, int blocksPerRequest, int maxBlocksInFlightPerPeer, int downloadWindow, int syncPeers,
        int orphanParentDepth, int queueLimit, int destinationQueueLimit, double destinationRate,
        double destinationBurst, int maxRetries, Duration retryBackoff, LinkSimulation link, double inboundRate,
        double inboundBurst, int banThreshold, Duration banDuration, int relayHops, Duration maliciousInterval,
        int seenMessages, int mempoolBatch, Duration leaveDeadline, Duration snapshotInterval, int maxPeers,
        int maxPeersPerList, double greetRate, double greetBurst, Duration noAnswerWarning) {

    public P2pConfig {
        Objects.requireNonNull(identity, "identity");
        bootstrapPeers = List.copyOf(bootstrapPeers);
        if (fanout < 1) {
            throw new IllegalArgumentException("fanout must be at least 1");
        }
        if (headersPerRequest < 1 || headersPerRequest > 100) {
            throw new IllegalArgumentException("headersPerRequest must be 1..100");
        }
        if (mempoolBatch < 1 || mempoolBatch > 100) {
            throw new IllegalArgumentException("mempoolBatch must be 1..100");
        }
        if (banThreshold < 1 || relayHops < 0) {
            throw new IllegalArgumentException("banThreshold must be >= 1 and relayHops >= 0");
        }
        if (maxPeers < 1 || maxPeersPerList < 1) {
            throw new IllegalArgumentException("maxPeers and maxPeersPerList must be at least 1");
        }
        if (!(greetRate > 0) || greetBurst < 1) {
            throw new IllegalArgumentException("greetRate must be positive and greetBurst at least 1");
        }
        if (noAnswerWarning.isNegative()) {
            throw new IllegalArgumentException("noAnswerWarning must not be negative");
        }
    }

    /** The defaults documented in docs/protocol.md. */
    public static P2pConfig defaults(NodeIdentity identity, List<PeerRecord> bootstrapPeers) {
        return new P2pConfig(identity, bootstrapPeers, 2, false,
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(5),
                100, 16, 64, 512, 3, 8,
                10_000, 2_000, 1_000, 2_000, 3, Duration.ofMillis(500), LinkSimulation.OFF,
                500, 2_000, 3, Duration.ofHours(1), 3, Duration.ofSeconds(5),
                100_000, 100, Duration.ofSeconds(5), Duration.ofMillis(500),
                500, 100, 10, 50, Duration.ofSeconds(30));
    }

    /** A builder starting from this configuration, to change a few values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public P2pConfig withFanout(int value) {
        return toBuilder().fanout(value).build();
    }

    public P2pConfig withDynamic(boolean value) {
        return toBuilder().dynamic(value).build();
    }

    public P2pConfig withLink(LinkSimulation value) {
        return toBuilder().link(value).build();
    }

    public P2pConfig withInboundLimit(double rate, double burst) {
        return toBuilder().inboundRate(rate).inboundBurst(burst).build();
    }

    public P2pConfig withOutboxLimits(int total, int perDestination, double rate, double burst) {
        return toBuilder().queueLimit(total).destinationQueueLimit(perDestination).destinationRate(rate)
                .destinationBurst(burst).build();
    }

    /** Mutable copy of a configuration; one setter per component. */
    public static final class Builder {
        private NodeIdentity identity;
        private List<PeerRecord> bootstrapPeers;
        private int fanout;
        private boolean dynamic;
        private Duration pingInterval;
        private Duration peerTimeout;
        private Duration peerExpiry;
        private Duration maxPingBackoff;
        private Duration peerRefreshInterval;
        private Duration departedMemory;
        private Duration syncInterval;
        private Duration requestTimeout;
        private int headersPerRequest;
        private int blocksPerRequest;
        private int maxBlocksInFlightPerPeer;
        private int downloadWindow;
        private int syncPeers;
        private int orphanParentDepth;
        private int queueLimit;
        private int destinationQueueLimit;
        private double destinationRate;
        private double destinationBurst;
        private int maxRetries;
        private Duration retryBackoff;
        private LinkSimulation link;
        private double inboundRate;
        private double inboundBurst;
        private int banThreshold;
        private Duration banDuration;
        private int relayHops;
        private Duration maliciousInterval;
        private int seenMessages;
        private int mempoolBatch;
        private Duration leaveDeadline;
        private Duration snapshotInterval;
        private int maxPeers;
        private int maxPeersPerList;
        private double greetRate;
        private double greetBurst;
        private Duration noAnswerWarning;

        private Builder(P2pConfig c) {
            identity = c.identity;
            bootstrapPeers = c.bootstrapPeers;
            fanout = c.fanout;
            dynamic = c.dynamic;
            pingInterval = c.pingInterval;
            peerTimeout = c.peerTimeout;
            peerExpiry = c.peerExpiry;
            maxPingBackoff = c.maxPingBackoff;
            peerRefreshInterval = c.peerRefreshInterval;
            departedMemory = c.departedMemory;
            syncInterval = c.syncInterval;
            requestTimeout = c.requestTimeout;
            headersPerRequest = c.headersPerRequest;
            blocksPerRequest = c.blocksPerRequest;
            maxBlocksInFlightPerPeer = c.maxBlocksInFlightPerPeer;
            downloadWindow = c.downloadWindow;
            syncPeers = c.syncPeers;
            orphanParentDepth = c.orphanParentDepth;
            queueLimit = c.queueLimit;
            destinationQueueLimit = c.destinationQueueLimit;
            destinationRate = c.destinationRate;
            destinationBurst = c.destinationBurst;
            maxRetries = c.maxRetries;
            retryBackoff = c.retryBackoff;
            link = c.link;
            inboundRate = c.inboundRate;
            inboundBurst = c.inboundBurst;
            banThreshold = c.banThreshold;
            banDuration = c.banDuration;
            relayHops = c.relayHops;
            maliciousInterval = c.maliciousInterval;
            seenMessages = c.seenMessages;
            mempoolBatch = c.mempoolBatch;
            leaveDeadline = c.leaveDeadline;
            snapshotInterval = c.snapshotInterval;
            maxPeers = c.maxPeers;
            maxPeersPerList = c.maxPeersPerList;
            greetRate = c.greetRate;
            greetBurst = c.greetBurst;
            noAnswerWarning = c.noAnswerWarning;
        }

        public Builder identity(NodeIdentity value) {
            identity = value;
            return this;
        }

        public Builder bootstrapPeers(List<PeerRecord> value) {
            bootstrapPeers = value;
            return this;
        }

        public Builder fanout(int value) {
            fanout = value;
            return this;
        }

        public Builder dynamic(boolean value) {
            dynamic = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        public Builder peerTimeout(Duration value) {
            peerTimeout = value;
            return this;
        }

        public Builder peerExpiry(Duration value) {
            peerExpiry = value;
            return this;
        }

        public Builder maxPingBackoff(Duration value) {
            maxPingBackoff = value;
            return this;
        }

        public Builder peerRefreshInterval(Duration value) {
            peerRefreshInterval = value;
            return this;
        }

        public Builder departedMemory(Duration value) {
            departedMemory = value;
            return this;
        }

        public Builder syncInterval(Duration value) {
            syncInterval = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public Builder headersPerRequest(int value) {
            headersPerRequest = value;
            return this;
        }

        public Builder blocksPerRequest(int value) {
            blocksPerRequest = value;
            return this;
        }

        public Builder maxBlocksInFlightPerPeer(int value) {
            maxBlocksInFlightPerPeer = value;
            return this;
        }

        public Builder downloadWindow(int value) {
            downloadWindow = value;
            return this;
        }

        public Builder syncPeers(int value) {
            syncPeers = value;
            return this;
        }

        public Builder orphanParentDepth(int value) {
            orphanParentDepth = value;
            return this;
        }

        public Builder queueLimit(int value) {
            queueLimit = value;
            return this;
        }

        public Builder destinationQueueLimit(int value) {
            destinationQueueLimit = value;
            return this;
        }

        public Builder destinationRate(double value) {
            destinationRate = value;
            return this;
        }

        public Builder destinationBurst(double value) {
            destinationBurst = value;
            return this;
        }

        public Builder maxRetries(int value) {
            maxRetries = value;
            return this;
        }

        public Builder retryBackoff(Duration value) {
            retryBackoff = value;
            return this;
        }

        public Builder link(LinkSimulation value) {
            link = value;
            return this;
        }

        public Builder inboundRate(double value) {
            inboundRate = value;
            return this;
        }

        public Builder inboundBurst(double value) {
            inboundBurst = value;
            return this;
        }

        public Builder banThreshold(int value) {
            banThreshold = value;
            return this;
        }

        public Builder banDuration(Duration value) {
            banDuration = value;
            return this;
        }

        public Builder relayHops(int value) {
            relayHops = value;
            return this;
        }

        public Builder maliciousInterval(Duration value) {
            maliciousInterval = value;
            return this;
        }

        public Builder seenMessages(int value) {
            seenMessages = value;
            return this;
        }

        public Builder mempoolBatch(int value) {
            mempoolBatch = value;
            return this;
        }

        public Builder leaveDeadline(Duration value) {
            leaveDeadline = value;
            return this;
        }

        public Builder snapshotInterval(Duration value) {
            snapshotInterval = value;
            return this;
        }

        public Builder maxPeers(int value) {
            maxPeers = value;
            return this;
        }

        public Builder maxPeersPerList(int value) {
            maxPeersPerList = value;
            return this;
        }

        public Builder greetRate(double value) {
            greetRate = value;
            return this;
        }

        public Builder greetBurst(double value) {
            greetBurst = value;
            return this;
        }

        public Builder noAnswerWarning(Duration value) {
            noAnswerWarning = value;
            return this;
        }

        public P2pConfig build() {
            return new P2pConfig(identity, bootstrapPeers, fanout, dynamic, pingInterval, peerTimeout, peerExpiry,
                    maxPingBackoff, peerRefreshInterval, departedMemory, syncInterval, requestTimeout, headersPerRequest,
                    blocksPerRequest, maxBlocksInFlightPerPeer, downloadWindow, syncPeers, orphanParentDepth,
                    queueLimit, destinationQueueLimit, destinationRate, destinationBurst, maxRetries, retryBackoff,
                    link, inboundRate, inboundBurst, banThreshold, banDuration, relayHops, maliciousInterval,
                    seenMessages, mempoolBatch, leaveDeadline, snapshotInterval, maxPeers, maxPeersPerList, greetRate,
                    greetBurst, noAnswerWarning);
        }
    }
}
