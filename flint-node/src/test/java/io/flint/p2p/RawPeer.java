package io.flint.p2p;

import io.flint.net.memory.MemoryTransport;
import io.flint.p2p.message.Envelope;
import io.flint.p2p.message.Message;
import io.flint.p2p.message.MessageCodec;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A hand-driven peer on the memory network that sends whatever bytes a test wants. */
final class RawPeer implements TransportListener {
    final String id;
    final Endpoint endpoint;
    final MemoryTransport transport;
    final List<String> received = new ArrayList<>();
    /** Connections the far end (or this side) closed. */
    int disconnects;
    /** Connections open now (either side opened them). */
    final java.util.Set<ConnectionId> open = new java.util.LinkedHashSet<>();
    private final MessageCodec codec = new MessageCodec();
    private long ids;

    RawPeer(SimNet net, String id, int maxFrameBytes) {
        this.id = id;
        this.endpoint = SimNet.endpointOf(id);
        this.transport = net.network.newTransport(maxFrameBytes);
        transport.start(endpoint, this);
    }

    void send(Endpoint to, Message body) {
        transport.send(to, codec.encode(new Envelope(id, Envelope.messageIdOf(seed(), ids++), body)));
    }

    /** Sends {@code body} under someone else's id: ids are not authenticated. */
    void sendAs(Endpoint to, String senderId, Message body) {
        transport.send(to, codec.encode(new Envelope(senderId, Envelope.messageIdOf(seed(), ids++), body)));
    }

    void sendRaw(Endpoint to, String text) {
        transport.send(to, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(Endpoint to, byte[] bytes) {
        transport.send(to, bytes);
    }

    /** Each raw peer's message ids are its own, so two of them never collide in a node's dedup. */
    private long seed() {
        return 0xbad_0000_0000L + id.hashCode();
    }

    String nextId() {
        return Envelope.messageIdOf(seed(), ids++);
    }

    void hello(Endpoint to) {
        send(to, helloFrom(endpoint));
    }

    /** A HELLO saying the sender listens at {@code at}. */
    static Message.Hello helloFrom(Endpoint at) {
        return new Message.Hello(at.host(), at.port(), io.flint.p2p.message.PeerFlags.NONE, SimNet.PARAMS.genesisHash(),
                0, "", 0, "normal", false);
    }

    @Override
    public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
        received.add(new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {}

    @Override
    public void onConnected(ConnectionId connection, Endpoint remote) {
        open.add(connection);
    }

    @Override
    public void onDisconnected(ConnectionId connection, Endpoint remote, String reason) {
        open.remove(connection);
        disconnects++;
    }

    /** Hangs up every open connection (as a client does that sent its request and went away). */
    void hangUp() {
        java.util.List.copyOf(open).forEach(transport::close);
    }
}
