package io.flint.sim;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.Transport;
import io.flint.p2p.transport.TransportListener;
import java.util.Set;

/**
 * A transport that counts the frames and bytes its node hands over for sending (lost ones
 * included: the node paid for them), around the memory transport that delivers them. The
 * engine's own counters count messages by type; this is where the bytes are seen.
 */
final class CountingTransport implements Transport {
    private final Transport inner;
    private long frames;
    private long bytes;

    CountingTransport(Transport inner) {
        this.inner = inner;
    }

    long frames() {
        return frames;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void start(Endpoint listen, TransportListener listener) {
        inner.start(listen, listener);
    }

    @Override
    public Endpoint localEndpoint() {
        return inner.localEndpoint();
    }

    @Override
    public void send(Endpoint to, byte[] payload) {
        frames++;
        bytes += payload.length;
        inner.send(to, payload);
    }

    @Override
    public boolean send(ConnectionId connection, byte[] payload) {
        boolean open = inner.send(connection, payload);
        if (open) {
            frames++;
            bytes += payload.length;
        }
        return open;
    }

    @Override
    public void bind(ConnectionId connection, Endpoint peerListen) {
        inner.bind(connection, peerListen);
    }

    @Override
    public void close(ConnectionId connection) {
        inner.close(connection);
    }

    @Override
    public Set<Endpoint> connectedEndpoints() {
        return inner.connectedEndpoints();
    }

    @Override
    public void close() {
        inner.close();
    }
}
