package io.flint.sim;

import io.flint.chain.ChainState;
import io.flint.core.Hash;
import io.flint.mempool.Mempool;
import io.flint.mining.BlockTemplateFactory;
import io.flint.p2p.P2pEngine;
import io.flint.p2p.PeerStatus;

/**
 * One run of one node, from its start to its crash or leave: a restart is another
 * {@code SimulatedNode} on the same {@link NodeSlot} (the same stored chain, a new pool and
 * engine), as a restarted process is. Measurements key on the run, so a node that was away
 * is not blamed for what it missed.
 */
final class SimulatedNode {
    enum State { RUNNING, LEAVING, STOPPED }

    final NodeSlot slot;
    final int incarnation;
    final ChainState chain;
    final Mempool pool;
    final P2pEngine engine;
    final CountingTransport transport;
    final BlockTemplateFactory templates;
    final long startedAtNanos;
    State state = State.RUNNING;
    /** Reorganisations this run made, and the most blocks one of them took off. */
    long reorgs;
    long maxReorgDepth;

    SimulatedNode(NodeSlot slot, int incarnation, ChainState chain, Mempool pool, P2pEngine engine,
            CountingTransport transport, BlockTemplateFactory templates, long startedAtNanos) {
        this.slot = slot;
        this.incarnation = incarnation;
        this.chain = chain;
        this.pool = pool;
        this.engine = engine;
        this.transport = transport;
        this.templates = templates;
        this.startedAtNanos = startedAtNanos;
    }

    boolean light() {
        return slot.identity().light();
    }

    /** The tip it follows: its best block, or for a light node its best header. */
    Hash tip() {
        return light() ? chain.bestHeader().hash() : chain.tip().hash();
    }

    long height() {
        return light() ? chain.bestHeader().height() : chain.height();
    }

    boolean running() {
        return state == State.RUNNING;
    }

    /** Its peers that are ALIVE, as its engine last published them. */
    int alivePeers() {
        return (int) engine.snapshot().peers().stream().filter(p -> PeerStatus.ALIVE.name().equals(p.status())).count();
    }

    /** Ticked while running or finishing a graceful leave. */
    boolean ticking() {
        return state != State.STOPPED;
    }

    @Override
    public String toString() {
        return slot.id() + "#" + incarnation;
    }
}
