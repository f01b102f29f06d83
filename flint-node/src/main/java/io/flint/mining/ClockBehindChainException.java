package io.flint.mining;

/**
 * A block asked for now cannot be valid yet: its earliest timestamp (the median time past plus
 * one) lies beyond the limit on future block times of this node's clock.
 */
public final class ClockBehindChainException extends RuntimeException {
    private final long secondsToWait;

    public ClockBehindChainException(String message, long secondsToWait) {
        super(message);
        this.secondsToWait = secondsToWait;
    }

    /** How long the clock must advance before such a block is valid. */
    public long secondsToWait() {
        return secondsToWait;
    }
}
