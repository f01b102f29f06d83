package io.flint.p2p.message;

import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The protocol's message bodies, one record per type of PROTOCOL.md. Fields marked "Flint's
 * addition" are extra keys that other implementations ignore (docs/protocol.md lists them).
 * Blocks, headers and transactions are held decoded: a body exists only if its hex parsed.
 */
public sealed interface Message {
    MessageType type();

    /**
     * @param address the node's payout address, so peers can pay it (Flint's addition; "" if none)
     * @param httpPort the node's HTTP API port for dashboards (Flint's addition; 0 if none)
     * @param mode "normal" or "malicious" as the node declares itself (Flint's addition; "" if unsaid)
     * @param ack true on the HELLO a node sends back to an unknown sender; it is never answered, so
     *     two nodes do not greet each other forever (Flint's addition)
     */
    record Hello(String ip, int port, PeerFlags flags, Hash genesis, long height, String address, int httpPort,
            String mode, boolean ack) implements Message {
        public Hello {
            Objects.requireNonNull(ip);
            Objects.requireNonNull(flags);
            Objects.requireNonNull(genesis);
            address = address == null ? "" : address;
            mode = mode == null ? "" : mode;
        }

        public MessageType type() {
            return MessageType.HELLO;
        }
    }

    record NewPeer(String newPeerId, String newPeerIp, int newPeerPort, PeerFlags newPeerFlags) implements Message {
        public MessageType type() {
            return MessageType.NEW_PEER;
        }
    }

    record GetPeers() implements Message {
        public MessageType type() {
            return MessageType.GET_PEERS;
        }
    }

    /**
     * @param skipped why each entry left out on decoding was (an {@code ip} that names no host),
     *     for the receiver's count and log; never sent
     */
    record PeersList(Map<String, PeerEntry> peers, List<String> skipped) implements Message {
        public PeersList {
            peers = Map.copyOf(peers);
            skipped = List.copyOf(skipped);
        }

        public PeersList(Map<String, PeerEntry> peers) {
            this(peers, List.of());
        }

        public MessageType type() {
            return MessageType.PEERS_LIST;
        }
    }

    /**
     * @param tip the sender's best chain (Flint's addition; null if absent)
     * @param reach ids of NATed peers the sender holds a connection from, so it can relay to
     *     them (Flint's addition)
     */
    record Ping(long timestamp, TipInfo tip, List<String> reach) implements Message {
        public Ping {
            reach = List.copyOf(reach);
        }

        public MessageType type() {
            return MessageType.PING;
        }
    }

    /** Echoes the ping's timestamp; {@code tip} and {@code reach} as in {@link Ping}. */
    record Pong(long timestamp, TipInfo tip, List<String> reach) implements Message {
        public Pong {
            reach = List.copyOf(reach);
        }

        public MessageType type() {
            return MessageType.PONG;
        }
    }

    /** @param timestamp milliseconds since the epoch (any JSON number is accepted on input) */
    record Goodbye(String reason, List<Transaction> pendingTransactions, boolean hasMoreTransactions, long timestamp)
            implements Message {
        public Goodbye {
            pendingTransactions = List.copyOf(pendingTransactions);
        }

        public MessageType type() {
            return MessageType.GOODBYE;
        }
    }

    record MempoolTransfer(List<Transaction> transactions, int batch, int totalBatches) implements Message {
        public MempoolTransfer {
            transactions = List.copyOf(transactions);
        }

        public MessageType type() {
            return MessageType.MEMPOOL_TRANSFER;
        }
    }

    /**
     * Asks for the pool: everything (the joiner's pool sync), or only the transactions named in
     * {@code txIds} (Flint's addition: the answer to an INV announcing transactions).
     */
    record GetMempool(List<Hash> txIds) implements Message {
        public GetMempool {
            txIds = List.copyOf(txIds);
        }

        public GetMempool() {
            this(List.of());
        }

        public MessageType type() {
            return MessageType.GET_MEMPOOL;
        }
    }

    record MempoolData(List<Transaction> transactions, int batch, int totalBatches) implements Message {
        public MempoolData {
            transactions = List.copyOf(transactions);
        }

        public MessageType type() {
            return MessageType.MEMPOOL_DATA;
        }
    }

    record Tx(Transaction tx) implements Message {
        public MessageType type() {
            return MessageType.TX;
        }
    }

    record Inv(List<Hash> blockIds, List<Hash> txIds) implements Message {
        public Inv {
            blockIds = List.copyOf(blockIds);
            txIds = List.copyOf(txIds);
        }

        public MessageType type() {
            return MessageType.INV;
        }
    }

    record GetBlock(List<Hash> blockIds) implements Message {
        public GetBlock {
            blockIds = List.copyOf(blockIds);
        }

        public MessageType type() {
            return MessageType.GETBLOCK;
        }
    }

    record BlockMsg(Block block) implements Message {
        public MessageType type() {
            return MessageType.BLOCK;
        }
    }

    record GetBlockHeaders(long startHeight, long endHeight) implements Message {
        public MessageType type() {
            return MessageType.GET_BLOCK_HEADERS;
        }
    }

    record BlockHeaders(long startHeight, List<BlockHeader> headers, long tipHeight) implements Message {
        public BlockHeaders {
            headers = List.copyOf(headers);
        }

        public MessageType type() {
            return MessageType.BLOCK_HEADERS;
        }
    }

    record GetLatestBlock(long currentHeight) implements Message {
        public MessageType type() {
            return MessageType.GET_LATEST_BLOCK;
        }
    }

    record LatestBlock(long height, Hash hash, BlockHeader header) implements Message {
        public MessageType type() {
            return MessageType.LATEST_BLOCK;
        }
    }

    /**
     * @param payload the whole message to deliver to {@code targetId}
     * @param hopsLeft how many more times it may be forwarded (Flint's addition, wire key
     *     {@code hops_left}); a relay that would forward it at 0 drops it, so relays never loop
     */
    record Relay(String targetId, Envelope payload, int hopsLeft) implements Message {
        public MessageType type() {
            return MessageType.RELAY;
        }
    }
}
