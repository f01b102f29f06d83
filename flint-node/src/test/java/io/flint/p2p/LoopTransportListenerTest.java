package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.time.Clock;
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

    @Test
    void readingPausesWhenTooManyFramesWaitAndResumesAtHalfWithoutDroppingAny() {
        Queue<Runnable> loop = new ArrayDeque<>();
        List<String> seen = new ArrayList<>();
        List<Boolean> switched = new ArrayList<>();
        LoopTransportListener io = new LoopTransportListener(loop::add, frames(seen),
                new LoopTransportListener.QueueLimit(4, 1_000_000), switched::add, Clock.systemUTC());
        ConnectionId c = new ConnectionId(1, true);
        Endpoint e = new Endpoint("10.0.0.1", 5000);
        for (int i = 0; i < 4; i++) {
            io.onFrame(c, e, ("f" + i).getBytes());
        }
        io.onConnected(c, e); // connection events are not frames: not counted
        assertThat(switched).isEmpty();
        io.onFrame(c, e, "f4".getBytes());
        io.onFrame(c, e, "f5".getBytes()); // read before the transport stopped: still delivered
        assertThat(switched).containsExactly(true);
        assertThat(io.queuedFrames()).isEqualTo(6);
        assertThat(io.readingPaused()).isTrue();

        for (int i = 0; i < 3; i++) {
            loop.poll().run();
        }
        assertThat(io.queuedFrames()).isEqualTo(3);
        assertThat(switched).containsExactly(true); // 3 left: more than half of 4
        loop.poll().run(); // the connection event
        loop.poll().run();
        assertThat(switched).containsExactly(true, false);
        loop.forEach(Runnable::run);
        assertThat(seen).containsExactly("f0", "f1", "f2", "f3", "f4", "f5");
        assertThat(io.queuedFrames()).isZero();
        assertThat(io.queuedBytes()).isZero();
        assertThat(io.pauses()).isEqualTo(1);
    }

    @Test
    void bytesCountAsWellAsFrames() {
        Queue<Runnable> loop = new ArrayDeque<>();
        List<Boolean> switched = new ArrayList<>();
        LoopTransportListener io = new LoopTransportListener(loop::add, frames(new ArrayList<>()),
                new LoopTransportListener.QueueLimit(1_000, 100), switched::add, Clock.systemUTC());
        ConnectionId c = new ConnectionId(1, true);
        Endpoint e = new Endpoint("10.0.0.1", 5000);
        io.onFrame(c, e, new byte[60]);
        io.onFrame(c, e, new byte[60]);
        assertThat(switched).containsExactly(true);
        assertThat(io.queuedBytes()).isEqualTo(120);
        loop.poll().run(); // 60 left: more than half of 100
        assertThat(switched).containsExactly(true);
        loop.poll().run();
        assertThat(switched).containsExactly(true, false);
    }

    private static TransportListener frames(List<String> seen) {
        return new TransportListener() {
            @Override
            public void onFrame(ConnectionId c, Endpoint r, byte[] p) {
                seen.add(new String(p));
            }

            @Override
            public void onBadFrame(ConnectionId c, Endpoint r, String reason) {}

            @Override
            public void onConnected(ConnectionId c, Endpoint r) {}

            @Override
            public void onDisconnected(ConnectionId c, Endpoint r, String reason) {}

            @Override
            public void onSendFailed(Endpoint to, byte[] p, String reason) {}
        };
    }
}
