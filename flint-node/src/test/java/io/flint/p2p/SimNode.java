package io.flint.p2p;

import io.flint.chain.ChainState;
import io.flint.chain.TestChainBuilder;
import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.crypto.PrivateKey;
import io.flint.mempool.Mempool;
import io.flint.mining.BlockTemplateFactory;
import io.flint.net.memory.MemoryTransport;
import io.flint.p2p.transport.Endpoint;
import java.util.ArrayList;
import java.util.List;

/** One node of a {@link SimNet}: real chain, real pool, the engine, a memory transport. */
final class SimNode {
    final String id;
    final Endpoint endpoint;
    final ChainState chain;
    final Mempool pool;
    final P2pEngine engine;
    final MemoryTransport transport;
    final BlockTemplateFactory templates;
    final PrivateKey key;
    final List<P2pEvent> events = new ArrayList<>();
    boolean running = true;
    /** Stopped (SIGSTOP, a long GC): no tick, and what the transport reports is held ({@link SimNet#pause}). */
    boolean paused;
    /** What the transport reports to the engine goes through here. */
    final PausableListener listener;
    /** The chain's store, for a test that damages it under the node. */
    final MemoryKeyValueStore store;

    SimNode(String id, Endpoint endpoint, ChainState chain, MemoryKeyValueStore store, Mempool pool, P2pEngine engine,
            MemoryTransport transport, BlockTemplateFactory templates, PrivateKey key) {
        this.id = id;
        this.store = store;
        this.endpoint = endpoint;
        this.chain = chain;
        this.pool = pool;
        this.engine = engine;
        this.transport = transport;
        this.templates = templates;
        this.key = key;
        this.listener = new PausableListener(engine);
    }

    long height() {
        return engine.config().identity().light() ? chain.bestHeader().height() : chain.height();
    }

    Hash tip() {
        return engine.config().identity().light() ? chain.bestHeader().hash() : chain.tip().hash();
    }

    Block tipBlock() {
        return chain.block(chain.tip().hash()).orElseThrow();
    }

    TestChainBuilder.Spendable coinbaseOf(Block block) {
        return TestChainBuilder.output(block.transactions().get(0), 0, key);
    }

    long countEvents(Class<? extends P2pEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    @Override
    public String toString() {
        return id;
    }
}
