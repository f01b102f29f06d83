package io.flint.net;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every callback a transport made, in order; safe to read from the test thread. */
public class RecordingListener implements TransportListener {

    /** A frame as received, its payload decoded for readable assertions. */
    public record Received(ConnectionId connection, Endpoint remote, String text) {}

    /** A connection event or a failure, with whatever it named. */
    public record Event(ConnectionId connection, Endpoint endpoint, String reason) {}

    private final List<Received> frames = new CopyOnWriteArrayList<>();
    private final List<Event> badFrames = new CopyOnWriteArrayList<>();
    private final List<Event> connected = new CopyOnWriteArrayList<>();
    private final List<Event> disconnected = new CopyOnWriteArrayList<>();
    private final List<Event> sendFailures = new CopyOnWriteArrayList<>();
    private final List<byte[]> failedPayloads = new CopyOnWriteArrayList<>();

    @Override
    public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
        frames.add(new Received(connection, remote, new String(payload, StandardCharsets.UTF_8)));
    }

    @Override
    public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {
        badFrames.add(new Event(connection, remote, reason));
    }

    @Override
    public void onConnected(ConnectionId connection, Endpoint remote) {
        connected.add(new Event(connection, remote, ""));
    }

    @Override
    public void onDisconnected(ConnectionId connection, Endpoint remote, String reason) {
        disconnected.add(new Event(connection, remote, reason));
    }

    @Override
    public void onSendFailed(Endpoint to, byte[] payload, String reason) {
        sendFailures.add(new Event(null, to, reason));
        failedPayloads.add(payload);
    }

    public List<Received> frames() {
        return frames;
    }

    public List<Event> badFrames() {
        return badFrames;
    }

    public List<Event> connected() {
        return connected;
    }

    public List<Event> disconnected() {
        return disconnected;
    }

    public List<Event> sendFailures() {
        return sendFailures;
    }

    public List<byte[]> failedPayloads() {
        return failedPayloads;
    }

    /** The received frames' texts, in arrival order. */
    public List<String> texts() {
        return frames.stream().map(Received::text).toList();
    }

    /** Encodes a test message. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
