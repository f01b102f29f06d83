package io.flint.node;

import io.flint.p2p.P2pEngine;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stands between the transport and the engine while the node starts: the transport must be
 * listening before the engine exists (to learn its real port), so the few calls that come in the
 * meantime are held and replayed in order once the engine is open. Used only on the loop thread.
 */
final class EngineGate implements TransportListener {
    private P2pEngine engine;
    private List<Consumer<P2pEngine>> held = new ArrayList<>();

    void open(P2pEngine started) {
        engine = started;
        List<Consumer<P2pEngine>> replay = held;
        held = null;
        replay.forEach(call -> call.accept(started));
    }

    private void deliver(Consumer<P2pEngine> call) {
        if (engine != null) {
            call.accept(engine);
        } else {
            held.add(call);
        }
    }

    @Override
    public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
        deliver(e -> e.onFrame(connection, remote, payload));
    }

    @Override
    public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {
        deliver(e -> e.onBadFrame(connection, remote, reason));
    }

    @Override
    public void onConnected(ConnectionId connection, Endpoint remote) {
        deliver(e -> e.onConnected(connection, remote));
    }

    @Override
    public void onDisconnected(ConnectionId connection, Endpoint remote, String reason) {
        deliver(e -> e.onDisconnected(connection, remote, reason));
    }

    @Override
    public void onSendFailed(Endpoint to, byte[] payload, String reason) {
        deliver(e -> e.onSendFailed(to, payload, reason));
    }
}
