package io.flint.chain;

import io.flint.core.Block;

/**
 * Told about changes of the best chain, on the thread that made them, after they are stored,
 * in order: during a reorganisation every disconnect comes before the connects.
 */
public interface ChainListener {
    default void blockConnected(Block block, long height) {}

    default void blockDisconnected(Block block, long height) {}
}
