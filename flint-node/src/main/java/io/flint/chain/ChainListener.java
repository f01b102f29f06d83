package io.flint.chain;

import io.flint.core.Block;
import java.time.Duration;

/**
 * Told about changes of the best chain, on the thread that made them, after they are stored,
 * in order: during a reorganisation every disconnect comes before the connects.
 */
public interface ChainListener {
    default void blockConnected(Block block, long height) {}

    default void blockDisconnected(Block block, long height) {}

    /**
     * Every block {@link ChainState#submitBlock} looked at (an orphan it completed included),
     * whatever became of it, and how long the checks and the connect took (for metrics). Called
     * after the connect and disconnect notices of that block.
     */
    default void blockProcessed(BlockOutcome outcome, Duration took) {}
}
