package io.flint.sim;

import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.crypto.PrivateKey;
import io.flint.p2p.NodeIdentity;
import io.flint.p2p.PeerRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's place in the network that outlives its runs: its identity, its bootstrap peers, its
 * stored chain (the in-memory stand-in for its disk, kept across a crash unless wiped) and its wallet key;
 * {@link #runs} holds every {@link SimulatedNode} started here, the last one current.
 */
final class NodeSlot {
    private final int index;
    private final NodeIdentity identity;
    private MemoryKeyValueStore store = new MemoryKeyValueStore();
    private final PrivateKey key;
    private final boolean miner;
    private List<PeerRecord> bootstrap = List.of();
    final List<SimulatedNode> runs = new ArrayList<>();

    NodeSlot(int index, NodeIdentity identity, PrivateKey key, boolean miner) {
        this.index = index;
        this.identity = identity;
        this.key = key;
        this.miner = miner;
    }

    int index() {
        return index;
    }

    String id() {
        return identity.id();
    }

    NodeIdentity identity() {
        return identity;
    }

    MemoryKeyValueStore store() {
        return store;
    }

    /** The disk is wiped: the next run starts from the genesis block, as a new node would. */
    void wipeStore() {
        store = new MemoryKeyValueStore();
    }

    PrivateKey key() {
        return key;
    }

    boolean miner() {
        return miner;
    }

    boolean nat() {
        return identity.nat();
    }

    List<PeerRecord> bootstrap() {
        return bootstrap;
    }

    void bootstrap(List<PeerRecord> peers) {
        bootstrap = List.copyOf(peers);
    }

    /** The latest run, or null before the first start. */
    SimulatedNode current() {
        return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }
}
