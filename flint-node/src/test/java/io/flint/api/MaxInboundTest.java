package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.net.tcp.TcpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's {@code maxInbound} setting (the {@code --max-inbound} flag) reaches its TCP transport. */
class MaxInboundTest {

    @Test
    void aNodeAcceptsNoMoreInboundConnectionsThanItsSettingSays(@TempDir Path dir) throws IOException {
        try (ApiNode api = new ApiNode("max-inbound", dir, ApiOptions.DEFAULTS, List.of(), 0, b -> b.maxInbound = 2);
                Socket first = connect(api, "127.0.0.2");
                Socket second = connect(api, "127.0.0.3")) {
            TcpTransport tcp = (TcpTransport) api.node.transport();
            await().atMost(Duration.ofSeconds(10)).until(() -> tcp.stats().inbound() == 2);
            try (Socket third = connect(api, "127.0.0.4")) {
                third.setSoTimeout(10_000);
                try (InputStream in = third.getInputStream()) {
                    assertThat(in.read()).as("closed by the node").isEqualTo(-1);
                }
            }
            assertThat(tcp.stats().refusedInboundLimit()).isEqualTo(1);
            assertThat(tcp.stats().inbound()).isEqualTo(2);
        }
    }

    private static Socket connect(ApiNode api, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", api.node.advertisedEndpoint().port()), 5_000);
        return socket;
    }
}
