package io.flint.chain;

import java.time.Duration;

/**
 * Tunables of the chain state.
 *
 * @param maxOrphans most orphan blocks kept
 * @param maxOrphanBytes most bytes of orphan blocks kept
 * @param orphanExpiry how long an orphan waits for its parent
 * @param scriptChunkSize script checks per task on the worker pool
 */
public record ChainOptions(int maxOrphans, long maxOrphanBytes, Duration orphanExpiry, int scriptChunkSize) {
    public static final ChainOptions DEFAULT = new ChainOptions(100, 20L * 1024 * 1024, Duration.ofMinutes(20), 64);

    public ChainOptions {
        if (maxOrphans < 1 || maxOrphanBytes < 1 || scriptChunkSize < 1 || orphanExpiry.isNegative()
                || orphanExpiry.isZero()) {
            throw new IllegalArgumentException("chain options must be positive");
        }
    }
}
