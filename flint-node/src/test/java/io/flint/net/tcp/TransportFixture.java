package io.flint.net.tcp;

import static org.awaitility.Awaitility.await;

import io.flint.net.RecordingListener;
import io.flint.p2p.transport.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Transports on loopback for one test class: one set of I/O threads for all its tests, as in a
 * node, and everything a test opened closed after it, newest first. Register it as an extension
 * of a {@code PER_CLASS} test class.
 */
final class TransportFixture implements AfterEachCallback, AfterAllCallback {

    static final Endpoint ANY_PORT = new Endpoint("127.0.0.1", 0);

    /** A started transport and what it heard. */
    record Node(TcpTransport transport, RecordingListener heard) {
        Endpoint at() {
            return transport.localEndpoint();
        }
    }

    private final NettyResources io = NettyResources.create(2);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    NettyResources io() {
        return io;
    }

    /** Closes {@code resource} after the current test. */
    <T extends AutoCloseable> T closeAfterTest(T resource) {
        toClose.add(resource);
        return resource;
    }

    Node node(TcpConfig config, Clock clock, Endpoint listen) {
        TcpTransport transport = closeAfterTest(new TcpTransport(config, clock, io));
        RecordingListener heard = new RecordingListener();
        transport.start(listen, heard);
        return new Node(transport, heard);
    }

    /** Closes what the test opened. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        io.close();
    }

    /** Waits (generously: a loaded machine) for what the I/O threads do. */
    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }
}
