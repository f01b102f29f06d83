package io.flint.p2p.transport;

/**
 * What a transport reports. Called on the transport's I/O threads: implementations (the node)
 * post each call to the event loop and return at once.
 */
public interface TransportListener {

    /**
     * A whole frame arrived (its length prefix already checked and removed).
     *
     * @param connection the connection it came on
     * @param remote the far end's address as seen on the socket (for an inbound connection an
     *     ephemeral port, not where the peer listens)
     * @param payload the frame's bytes: UTF-8 JSON, not yet parsed
     */
    void onFrame(ConnectionId connection, Endpoint remote, byte[] payload);

    /**
     * A frame broke the framing rules (zero or over-limit length, invalid UTF-8): the transport
     * has closed the connection; this counts one offence against {@code remote}'s host.
     */
    void onBadFrame(ConnectionId connection, Endpoint remote, String reason);

    /** A connection is up (outbound: after connecting; inbound: after accepting). */
    default void onConnected(ConnectionId connection, Endpoint remote) {}

    /** A connection is gone, for whatever reason (closed by either side, reset, bad frame). */
    default void onDisconnected(ConnectionId connection, Endpoint remote, String reason) {}

    /**
     * A frame could not be delivered: no connection could be opened to {@code to} (after the
     * transport's own connect attempt), or the connection died with it queued.
     */
    default void onSendFailed(Endpoint to, byte[] payload, String reason) {}
}
