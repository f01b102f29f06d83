package io.flint.net.memory;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.Transport;
import io.flint.p2p.transport.TransportListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Transport} on a {@link MemoryNetwork}: the same contract as the TCP transport
 * (persistent bidirectional connections, in-order frames, framing rules checked on receipt),
 * with delivery, loss, partitions, crashes and NAT decided by the network. Listener callbacks
 * run from the network's {@link Scheduler}, never from inside a method of this class. After
 * {@link #close()} no callback arrives.
 */
public final class MemoryTransport implements Transport {

    private final MemoryNetwork network;
    private final int maxFrameBytes;
    // the fields below are guarded by the network's lock
    Endpoint local;
    TransportListener listener;
    boolean closed;
    final Map<ConnectionId, MemoryConnection> connections = new LinkedHashMap<>();
    final Map<Endpoint, MemoryConnection.Dial> dials = new LinkedHashMap<>();

    MemoryTransport(MemoryNetwork network, int maxFrameBytes) {
        this.network = network;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The largest frame this transport sends or accepts. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public void start(Endpoint listen, TransportListener transportListener) {
        network.start(this, listen, transportListener);
    }

    @Override
    public Endpoint localEndpoint() {
        return network.localEndpoint(this);
    }

    @Override
    public void send(Endpoint to, byte[] payload) {
        network.send(this, to, payload);
    }

    @Override
    public boolean send(ConnectionId connection, byte[] payload) {
        return network.send(this, connection, payload);
    }

    @Override
    public void bind(ConnectionId connection, Endpoint peerListen) {
        network.bind(this, connection, peerListen);
    }

    @Override
    public void close(ConnectionId connection) {
        network.close(this, connection);
    }

    @Override
    public Set<Endpoint> connectedEndpoints() {
        return network.connectedEndpoints(this);
    }

    @Override
    public void close() {
        network.close(this);
    }

    @Override
    public String toString() {
        return "MemoryTransport[" + network.describe(this) + "]";
    }
}
