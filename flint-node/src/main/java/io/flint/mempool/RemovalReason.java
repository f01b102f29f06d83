package io.flint.mempool;

/**
 * Why the pool dropped a transaction other than for being confirmed (a confirmed transaction
 * just leaves: it is in the chain). {@link #code()} is the stable lowercase code that events and
 * metrics carry.
 */
public enum RemovalReason {
    /** A block spends one of its inputs (or an ancestor's) with another transaction. */
    CONFLICT("conflict"),
    /** Pooled longer than the configured expiry (or descends from such a transaction). */
    EXPIRED("expired"),
    /** Pushed out for space: the lowest fee rate goes first, with its descendants. */
    EVICTED("evicted"),
    /**
     * No longer valid for the chain after a reorganisation: a spend of a coin the new chain does
     * not have or has not matured, a lock time not reached, or a transaction of a disconnected
     * block that could not come back into the pool.
     */
    REORG_INVALID("reorg_invalid");

    private final String code;

    RemovalReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
