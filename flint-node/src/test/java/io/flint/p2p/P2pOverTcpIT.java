package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.chain.ChainState;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Block;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolConfig;
import io.flint.mining.BlockTemplateFactory;
import io.flint.net.tcp.NettyResources;
import io.flint.net.tcp.TcpConfig;
import io.flint.net.tcp.TcpTransport;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine wired as a node wires it, on real TCP over loopback: one event-loop thread per node
 * (callbacks posted through {@link LoopTransportListener}, ticks every 50 ms), real chain and
 * pool. One node is NATed: only connections it opens carry its traffic.
 */
class P2pOverTcpIT {
    private static final Secp256k1 ECDSA = Secp256k1Engines.best();

    /** One node: its loop thread owns chain, pool and engine. */
    private static final class TcpNode {
        final ScheduledExecutorService loop;
        final TcpTransport transport;
        final ChainState chain;
        final Mempool pool;
        P2pEngine engine;

        TcpNode(String id, NettyResources io) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "flint-loop-" + id));
            transport = new TcpTransport(TcpConfig.DEFAULTS, Clock.systemUTC(), io);
            chain = ChainState.open(new MemoryKeyValueStore(), SimNet.PARAMS, Clock.systemUTC(), Runnable::run, ECDSA);
            pool = new Mempool(chain, MempoolConfig.DEFAULTS, Clock.systemUTC(), ECDSA);
            chain.addListener(pool);
        }

        <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        }
    }

    /** Forwards to an engine created once the transport knows its port. */
    private static final class Late implements TransportListener {
        volatile TransportListener target;

        @Override
        public void onFrame(ConnectionId c, Endpoint r, byte[] p) {
            target.onFrame(c, r, p);
        }

        @Override
        public void onBadFrame(ConnectionId c, Endpoint r, String reason) {
            target.onBadFrame(c, r, reason);
        }

        @Override
        public void onConnected(ConnectionId c, Endpoint r) {
            target.onConnected(c, r);
        }

        @Override
        public void onDisconnected(ConnectionId c, Endpoint r, String reason) {
            target.onDisconnected(c, r, reason);
        }

        @Override
        public void onSendFailed(Endpoint to, byte[] p, String reason) {
            target.onSendFailed(to, p, reason);
        }
    }

    private final NettyResources io = NettyResources.create(2);
    private final List<TcpNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        for (TcpNode n : nodes) {
            n.loop.shutdownNow();
            n.transport.close();
        }
        io.close();
    }

    @Test
    void fourNodesOnLoopbackShareBlocksReachANatedPeerAndBanGarbage() throws Exception {
        List<Late> lates = new ArrayList<>();
        List<NodeIdentity> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TcpNode n = new TcpNode("700" + i, io);
            Late late = new Late();
            n.transport.start(new Endpoint("127.0.0.1", 0), late);
            NodeIdentity id = NodeIdentity.of(String.valueOf(7000 + i), n.transport.localEndpoint());
            if (i == 3) {
                id = id.withNat(true, "lan-x");
            }
            ids.add(id);
            nodes.add(n);
            lates.add(late);
        }
        for (int i = 0; i < 4; i++) {
            TcpNode n = nodes.get(i);
            P2pConfig config = P2pConfig.defaults(ids.get(i), SimNet.bootstrapFor(ids.get(i).id(), ids));
            n.engine = new P2pEngine(config, n.transport, new ChainStateAccess(n.chain, false), new MempoolAccess(n.pool),
                    Clock.systemUTC(), new SplittableRandom(i));
            lates.get(i).target = new LoopTransportListener(n.loop, n.engine);
            n.loop.execute(n.engine::start);
            n.loop.scheduleAtFixedRate(n.engine::onTick, 50, 50, TimeUnit.MILLISECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream()
                .allMatch(n -> n.engine.published().peers().stream().filter(p -> p.status().equals("ALIVE")).count() == 3));

        TcpNode miner = nodes.get(0);
        Block block = miner.onLoop(() -> {
            Block b = SimNet.solve(new BlockTemplateFactory(miner.chain, miner.pool, Clock.systemUTC())
                    .create(TestChainBuilder.p2pkh(TestChainBuilder.key(3)), ByteBuffer.allocate(4).putInt(1).array()));
            miner.chain.submitBlock(b);
            miner.engine.announceBlock(b);
            return b;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().allMatch(n -> n.chain.hasBlock(block.hash())));

        // garbage on a raw socket: a zero-length frame is a bad frame (one offence, connection closed)
        TcpNode victim = nodes.get(1);
        Endpoint target = ids.get(1).listen();
        try (Socket s = new Socket(target.host(), target.port())) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0, 0, 0, 0});
            out.flush();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> victim.onLoop(() -> victim.engine.snapshot().counters()
                .dropped().getOrDefault("bad_frame", 0L)) == 1L);
        assertThat(victim.onLoop(() -> victim.engine.snapshot().peers().stream()
                .allMatch(p -> p.status().equals("ALIVE")))).isTrue();
    }
}
