package io.flint.p2p.transport;

import java.util.Set;

/**
 * Moves frames between nodes. The protocol engine decides what to send and when (its outbox
 * paces and retries); a transport only delivers. Implementations: TCP over Netty
 * ({@code io.flint.net.tcp}) and an in-memory network for tests and the simulator
 * ({@code io.flint.net.memory}).
 *
 * <p>Connections are persistent and bidirectional: a frame for an endpoint goes over a live
 * connection bound to that endpoint if one exists (even one the other side opened), else over a
 * new outbound connection. That is what lets a peer behind NAT, which accepts no connections
 * from outside its network, still be reached on the connections it opened itself.
 *
 * <p>All methods are thread-safe and never block on the network. A payload handed to
 * {@code send} belongs to the transport from then on (it may be written later): do not modify
 * it. After {@link #close()} the listener hears nothing more.
 *
 * <p>A node that is NATed keeps outsiders out with an {@link InboundFilter} consulted by the
 * engine (the TCP transport cannot tell local networks apart on loopback).
 */
public interface Transport extends AutoCloseable {

    /** Starts listening on {@code listen} and reporting to {@code listener}. */
    void start(Endpoint listen, TransportListener listener);

    /** The endpoint actually bound (port 0 asks for a free port). */
    Endpoint localEndpoint();

    /**
     * Sends one frame to the node listening at {@code to}. Failure is reported through
     * {@link TransportListener#onSendFailed}, never thrown.
     */
    void send(Endpoint to, byte[] payload);

    /**
     * Sends one frame on a specific connection (a reply on the connection a request came on).
     * Returns false when that connection is no longer open.
     */
    boolean send(ConnectionId connection, byte[] payload);

    /**
     * Declares that {@code connection} leads to the node that listens at {@code peerListen}
     * (learned from its HELLO), so later {@link #send(Endpoint, byte[])} calls to that endpoint
     * reuse it instead of dialling. Applies to inbound connections; an outbound one is bound to
     * the endpoint it dialled. Unknown or closed connections are ignored.
     */
    void bind(ConnectionId connection, Endpoint peerListen);

    /** Closes one connection (a banned peer, a NAT refusal). */
    void close(ConnectionId connection);

    /** Endpoints that currently have an open, bound connection. */
    Set<Endpoint> connectedEndpoints();

    /** Stops listening and closes every connection. */
    @Override
    void close();
}
