package io.flint.p2p.transport;

import java.util.Objects;

/**
 * Which inbound connections a node keeps, decided by the protocol engine once the first message
 * on the connection (HELLO) has said who the peer is. This is how a node configured as NATed
 * behaves as one: it accepts connections only from peers of its own local network
 * ({@code localnetworkid}), everyone else reaches it over connections it opened or via RELAY.
 *
 * <p>Why the engine and not the transport: a real NAT refuses outsiders before any byte
 * arrives, but on a loopback cluster every node is 127.0.0.x and the socket says nothing about
 * local networks, so the TCP transport accepts every connection. The engine, on the first frame
 * of an inbound connection, asks {@link #admits} and, if refused, calls
 * {@link Transport#close(ConnectionId)} and drops the frame (a refusal is not an offence: the
 * peer could not know). The in-memory network enforces NAT itself (refused dials never
 * connect), so there the filter only ever admits; wiring it in both cases keeps the engine's
 * code the same.
 */
@FunctionalInterface
public interface InboundFilter {

    /**
     * Whether to keep an inbound connection from {@code remote} whose peer declared
     * {@code peerLocalNetworkId} (null when it declared none).
     */
    boolean admits(Endpoint remote, String peerLocalNetworkId);

    /** A node that is not NATed: every peer may connect. */
    static InboundFilter open() {
        return (remote, peerLocalNetworkId) -> true;
    }

    /** A NATed node in local network {@code localNetworkId}: only peers of that network may connect. */
    static InboundFilter natted(String localNetworkId) {
        Objects.requireNonNull(localNetworkId, "localNetworkId");
        return (remote, peerLocalNetworkId) -> localNetworkId.equals(peerLocalNetworkId);
    }
}
