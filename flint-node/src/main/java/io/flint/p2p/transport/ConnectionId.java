package io.flint.p2p.transport;

/**
 * One connection, inbound or outbound, for as long as it lives. A new connection to the same
 * endpoint gets a new id, so the engine never confuses a reconnect with the old link.
 */
public record ConnectionId(long value, boolean inbound) {
    @Override
    public String toString() {
        return (inbound ? "in#" : "out#") + value;
    }
}
