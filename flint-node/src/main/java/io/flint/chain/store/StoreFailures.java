package io.flint.chain.store;

/**
 * What a store tells its owner about failures it cannot mend by itself, each kind once per run
 * (every later read of the same damage, or write to the same full disk, fails alike). Called on
 * the thread whose read or write failed; the call that failed still throws its
 * {@link StoreException}.
 */
public interface StoreFailures {
    /** Tells nothing: for tools that report a failure through the exception alone. */
    StoreFailures IGNORED = new StoreFailures() {};

    /** The first read that failed (a damaged file): what it could not read is gone for this run. */
    default void readFailed(String message) {}

    /**
     * The first write that failed (a full disk, a broken device): nothing of that batch was
     * written, and RocksDB takes no more writes until it is reopened.
     */
    default void writeFailed(String message) {}
}
