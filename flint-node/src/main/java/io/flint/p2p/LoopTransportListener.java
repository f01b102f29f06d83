package io.flint.p2p;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.util.concurrent.Executor;

/**
 * What the node gives its transport as listener: each callback, arriving on an I/O thread, is
 * posted to the event loop, where the engine handles it. The I/O thread returns at once.
 */
public final class LoopTransportListener implements TransportListener {
    private final Executor loop;
    private final TransportListener engine;

    public LoopTransportListener(Executor loop, TransportListener engine) {
        this.loop = loop;
        this.engine = engine;
    }

    @Override
    public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
        loop.execute(() -> engine.onFrame(connection, remote, payload));
    }

    @Override
    public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {
        loop.execute(() -> engine.onBadFrame(connection, remote, reason));
    }

    @Override
    public void onConnected(ConnectionId connection, Endpoint remote) {
        loop.execute(() -> engine.onConnected(connection, remote));
    }

    @Override
    public void onDisconnected(ConnectionId connection, Endpoint remote, String reason) {
        loop.execute(() -> engine.onDisconnected(connection, remote, reason));
    }

    @Override
    public void onSendFailed(Endpoint to, byte[] payload, String reason) {
        loop.execute(() -> engine.onSendFailed(to, payload, reason));
    }
}
