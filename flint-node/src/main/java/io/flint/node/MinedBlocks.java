package io.flint.node;

import io.flint.core.Hash;
import io.flint.p2p.RecentMap;
import java.util.Map;

/**
 * The hashes of the latest blocks this node's miner solved, so that its log and events can say
 * "mined here" when such a block is connected or disconnected. A reorganisation may take off
 * several of them, so the last one alone is not enough; bounded, since a miner runs for months.
 * Forgotten at a restart. Not thread-safe: the node's event loop owns it.
 */
final class MinedBlocks {
    private final Map<Hash, Boolean> recent;

    MinedBlocks(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.recent = new RecentMap<>(capacity);
    }

    void add(Hash block) {
        recent.put(block, Boolean.TRUE);
    }

    boolean contains(Hash block) {
        return recent.containsKey(block);
    }
}
