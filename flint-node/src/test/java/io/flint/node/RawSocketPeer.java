package io.flint.node;

import io.flint.core.NetworkParams;
import io.flint.p2p.message.Envelope;
import io.flint.p2p.transport.Endpoint;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A hand-driven TCP client that writes whatever frames a test wants to a node: well-formed JSON,
 * wrong field types, garbage, bare length prefixes. It reads nothing but the end of the stream.
 */
public final class RawSocketPeer implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream out;
    // message ids must differ between clients too: a node drops an id it has seen as redundant
    private final SplittableRandom random = new SplittableRandom();

    private RawSocketPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    public static RawSocketPeer connect(Endpoint to) throws IOException {
        Socket s = new Socket(to.host(), to.port());
        s.setTcpNoDelay(true);
        return new RawSocketPeer(s);
    }

    /** A fresh, well-formed message id. */
    public String nextId() {
        return Envelope.messageIdOf(random.nextLong(), random.nextLong());
    }

    /** A valid HELLO from {@code id} for {@code params}' genesis, listening (it claims) on its local port. */
    public String hello(String id, NetworkParams params, String localNetworkId) {
        return "{\"type\":\"HELLO\",\"sender_id\":\"" + id + "\",\"message_id\":\"" + nextId() + "\",\"ip\":\"127.0.0.1\","
                + "\"port\":" + socket.getLocalPort() + ",\"flags\":{\"nat\":false,\"light\":false,\"new_node\":false,"
                + "\"localnetworkid\":\"" + localNetworkId + "\"},\"genesis\":\"" + params.genesisHash() + "\",\"height\":0}";
    }

    /** One frame: the 4-byte big-endian length of the UTF-8 text, then the text. */
    public void send(String json) throws IOException {
        send(json.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /** Only a length prefix, announcing {@code length} bytes that never come. */
    public void sendLengthPrefix(int length) throws IOException {
        out.writeInt(length);
        out.flush();
    }

    /** True once the node has closed the connection (end of stream or reset), false if still open after {@code timeout}. */
    public boolean closedByPeer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // still open: keep listening until the deadline
            } catch (SocketException e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
