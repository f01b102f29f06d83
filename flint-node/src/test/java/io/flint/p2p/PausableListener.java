package io.flint.p2p;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands what the transport reports to the engine, or, while its node is paused, holds it in
 * order, as a stopped process's socket buffers and loop queue do until it goes on.
 */
final class PausableListener implements TransportListener {
    private final TransportListener engine;
    private final List<Runnable> held = new ArrayList<>();
    private boolean paused;

    PausableListener(TransportListener engine) {
        this.engine = engine;
    }

    void pause() {
        paused = true;
    }

    /** Delivers what was held, then everything as it comes. */
    void resume() {
        paused = false;
        List<Runnable> due = List.copyOf(held);
        held.clear();
        due.forEach(Runnable::run);
    }

    private void deliver(Runnable call) {
        if (paused) {
            held.add(call);
        } else {
            call.run();
        }
    }

    @Override
    public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
        deliver(() -> engine.onFrame(connection, remote, payload));
    }

    @Override
    public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {
        deliver(() -> engine.onBadFrame(connection, remote, reason));
    }

    @Override
    public void onConnected(ConnectionId connection, Endpoint remote) {
        deliver(() -> engine.onConnected(connection, remote));
    }

    @Override
    public void onDisconnected(ConnectionId connection, Endpoint remote, String reason) {
        deliver(() -> engine.onDisconnected(connection, remote, reason));
    }

    @Override
    public void onSendFailed(Endpoint to, byte[] payload, String reason) {
        deliver(() -> engine.onSendFailed(to, payload, reason));
    }
}
