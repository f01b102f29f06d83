package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class LoopTransportListenerTest {

    @Test
    void everyCallbackIsPostedToTheLoopInOrderAndNoneRunsOnTheCallingThread() {
        Queue<Runnable> loop = new ArrayDeque<>();
        List<String> seen = new ArrayList<>();
        TransportListener engine = new TransportListener() {
            @Override
            public void onFrame(ConnectionId c, Endpoint r, byte[] p) {
                seen.add("frame " + new String(p));
            }

            @Override
            public void onBadFrame(ConnectionId c, Endpoint r, String reason) {
                seen.add("bad " + reason);
            }

            @Override
            public void onConnected(ConnectionId c, Endpoint r) {
                seen.add("up " + c);
            }

            @Override
            public void onDisconnected(ConnectionId c, Endpoint r, String reason) {
                seen.add("down " + c);
            }

            @Override
            public void onSendFailed(Endpoint to, byte[] p, String reason) {
                seen.add("failed " + to);
            }
        };
        LoopTransportListener io = new LoopTransportListener(loop::add, engine);
        ConnectionId c = new ConnectionId(1, true);
        Endpoint e = new Endpoint("10.0.0.1", 5000);
        io.onConnected(c, e);
        io.onFrame(c, e, "{}".getBytes());
        io.onBadFrame(c, e, "too long");
        io.onSendFailed(e, new byte[0], "refused");
        io.onDisconnected(c, e, "reset");
        assertThat(seen).isEmpty();
        loop.forEach(Runnable::run);
        assertThat(seen).containsExactly("up in#1", "frame {}", "bad too long", "failed 10.0.0.1:5000", "down in#1");
    }
}
