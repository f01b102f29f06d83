package io.flint.mining;

/**
 * A block asked for now cannot be valid yet: its earliest timestamp (the median time past plus
 * one) lies beyond the limit on future block times of this node's clock. The message says how
 * long until one can be mined.
 */
public final class ClockBehindChainException extends RuntimeException {
    public ClockBehindChainException(String message) {
        super(message);
    }
}
