package io.flint.bench;

import io.flint.net.tcp.NettyResources;
import io.flint.net.tcp.TcpConfig;
import io.flint.net.tcp.TcpTransport;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loopback (127.0.0.1) cost of moving a 256-byte frame between two nodes through
 * {@link TcpTransport}, beside a plain {@code java.net.Socket} doing the same framing in the
 * same run: the socket is the floor a transport can approach.
 *
 * <ul>
 *   <li>{@code *RoundTrip}: A sends a frame, B echoes it on the same connection, A waits for
 *       it. Per-hop latency = half the round trip (the physical floor of a multi-node
 *       benchmark on one machine).
 *   <li>{@code *Burst}: A sends 1000 frames, B counts them and answers one ack after the last;
 *       time per frame (throughput = its inverse).
 * </ul>
 *
 * <p>Both transports share one {@link NettyResources} of two I/O threads, as nodes in one JVM
 * would. The socket reference runs its echo side on one plain thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransportRoundTripBenchmark {

    private static final int FRAME_BYTES = 256;
    private static final int BURST = 1000;
    private static final String LOOPBACK = "127.0.0.1";

    private final byte[] frame = new byte[FRAME_BYTES];
    private final BlockingQueue<byte[]> repliesToA = new ArrayBlockingQueue<>(BURST + 1);
    private final AtomicInteger burstReceived = new AtomicInteger();

    private NettyResources io;
    private TcpTransport a;
    private TcpTransport b;

    private ServerSocket echoServer;
    private Thread echoThread;
    private Socket client;
    private DataOutputStream clientOut;
    private DataInputStream clientIn;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Arrays.fill(frame, (byte) 'a');
        byte[] ack = "{\"type\":\"ACK\"}".getBytes(StandardCharsets.UTF_8);
        io = NettyResources.create(2);
        a = new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), io);
        b = new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), io);
        a.start(new Endpoint(LOOPBACK, 0), new Listener() {
            @Override
            public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
                repliesToA.add(payload);
            }
        });
        b.start(new Endpoint(LOOPBACK, 0), new Listener() {
            @Override
            public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
                if (payload.length != FRAME_BYTES || payload[0] != 'b') {
                    b.send(connection, payload); // round trip: echo
                } else if (burstReceived.incrementAndGet() == BURST) {
                    burstReceived.set(0);
                    b.send(connection, ack);
                }
            }
        });
        a.send(b.localEndpoint(), frame);
        await(repliesToA); // connection up and warm

        echoServer = new ServerSocket();
        echoServer.bind(new InetSocketAddress(LOOPBACK, 0));
        echoThread = new Thread(this::echo, "socket-echo");
        echoThread.setDaemon(true);
        echoThread.start();
        client = new Socket();
        client.setTcpNoDelay(true);
        client.connect(echoServer.getLocalSocketAddress());
        clientOut = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()));
        clientIn = new DataInputStream(new BufferedInputStream(client.getInputStream()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        client.close();
        echoServer.close();
        echoThread.join(5_000);
        a.close();
        b.close();
        io.close();
    }

    /** One frame there and back through TcpTransport (sampled: the median resists a busy machine). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public byte[] transportRoundTrip() {
        frame[0] = 'a';
        a.send(b.localEndpoint(), frame.clone());
        return await(repliesToA);
    }

    /** One frame there and back over a plain blocking socket, same framing. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public byte[] socketRoundTrip() throws IOException {
        frame[0] = 'a';
        writeFrame(clientOut, frame);
        clientOut.flush();
        return readFrame(clientIn);
    }

    /** 1000 frames one way through TcpTransport, then one ack back; time per frame. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public byte[] transportBurst() {
        frame[0] = 'b';
        for (int i = 0; i < BURST; i++) {
            a.send(b.localEndpoint(), frame.clone());
        }
        return await(repliesToA);
    }

    /** 1000 frames one way over a plain socket, then one ack back; time per frame. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public byte[] socketBurst() throws IOException {
        frame[0] = 'b';
        for (int i = 0; i < BURST; i++) {
            writeFrame(clientOut, frame);
        }
        clientOut.flush();
        return readFrame(clientIn);
    }

    private void echo() {
        try (Socket peer = echoServer.accept()) {
            peer.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(peer.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(peer.getOutputStream()));
            byte[] ack = "{\"type\":\"ACK\"}".getBytes(StandardCharsets.UTF_8);
            int burst = 0;
            while (true) {
                byte[] payload = readFrame(in);
                if (payload[0] != 'b') {
                    writeFrame(out, payload);
                    out.flush();
                } else if (++burst == BURST) {
                    burst = 0;
                    writeFrame(out, ack);
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // the benchmark is over
        }
    }

    private static void writeFrame(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return payload;
    }

    private static byte[] await(BlockingQueue<byte[]> queue) {
        try {
            byte[] reply = queue.poll(5, TimeUnit.SECONDS);
            if (reply == null) {
                throw new UncheckedIOException(new IOException("no reply within 5 s"));
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Only frames matter here. */
    private abstract static class Listener implements TransportListener {
        @Override
        public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {
            throw new IllegalStateException("bad frame in a benchmark: " + reason);
        }
    }
}
