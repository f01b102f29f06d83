package io.flint.net.tcp;

import io.flint.p2p.transport.Endpoint;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A hostile or honest peer as plain bytes on a socket: what an attacker's script does. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataOutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code to} from {@code fromHost} (any address of 127.0.0.0/8 works on loopback). */
    static RawClient connect(Endpoint to, String fromHost) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(fromHost, 0));
        socket.connect(new InetSocketAddress(to.host(), to.port()), 5_000);
        return new RawClient(socket);
    }

    /** Sends one whole frame. */
    RawClient frame(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
        return this;
    }

    /** Sends bytes as they are (a prefix, part of a frame). */
    RawClient raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a length prefix of {@code declared} bytes and the first {@code sent} bytes of a JSON-ish payload. */
    RawClient partialFrame(int declared, int sent) throws IOException {
        out.writeInt(declared);
        byte[] body = new byte[sent];
        Arrays.fill(body, (byte) 'x');
        return raw(body);
    }

    /** The client's own port, as the server sees it. */
    int localPort() {
        return socket.getLocalPort();
    }

    /**
     * Whether the server has closed this connection: end of stream or reset. Reads for at most
     * {@code waitMillis} (a close that already happened is seen at once).
     */
    boolean closedByServer(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // the server sends nothing these tests look at
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
