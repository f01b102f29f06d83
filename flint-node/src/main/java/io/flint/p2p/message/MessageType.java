package io.flint.p2p.message;

import java.util.Optional;

/** The wire names of the protocol's message types (PROTOCOL.md), one per {@link Message} record. */
public enum MessageType {
    HELLO, NEW_PEER, GET_PEERS, PEERS_LIST, PING, PONG, GOODBYE, MEMPOOL_TRANSFER, GET_MEMPOOL, MEMPOOL_DATA,
    TX, INV, GETBLOCK, BLOCK, GET_BLOCK_HEADERS, BLOCK_HEADERS, GET_LATEST_BLOCK, LATEST_BLOCK, RELAY;

    /** The type whose wire name is exactly {@code name}, if any. */
    public static Optional<MessageType> byWireName(String name) {
        for (MessageType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
