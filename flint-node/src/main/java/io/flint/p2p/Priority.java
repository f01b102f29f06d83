package io.flint.p2p;

import io.flint.p2p.message.MessageType;

/**
 * Outbox priority of a message type, highest first: membership and liveness keep working while
 * blocks queue, and blocks overtake the transaction flood.
 */
public enum Priority {
    CONTROL, BLOCKS, TRANSACTIONS;

    public static Priority of(MessageType type) {
        return switch (type) {
            case HELLO, NEW_PEER, GET_PEERS, PEERS_LIST, PING, PONG, GOODBYE -> CONTROL;
            case INV, GETBLOCK, BLOCK, GET_BLOCK_HEADERS, BLOCK_HEADERS, GET_LATEST_BLOCK, LATEST_BLOCK -> BLOCKS;
            case TX, MEMPOOL_TRANSFER, GET_MEMPOOL, MEMPOOL_DATA -> TRANSACTIONS;
            // a relay carries its payload's urgency; the outbox asks with the payload's type
            case RELAY -> BLOCKS;
        };
    }
}
