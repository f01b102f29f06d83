package io.flint.chain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * An ordered byte key-value store with column families and atomic batches: the one storage
 * primitive the chain needs. {@link RocksKeyValueStore} keeps it on disk,
 * {@link MemoryKeyValueStore} in memory; both pass the same contract tests.
 *
 * <p>Keys are ordered as unsigned bytes, lexicographically (RocksDB's default comparator).
 */
public interface KeyValueStore extends AutoCloseable {

    /** The value, or null when absent. The returned array belongs to the caller. */
    byte[] get(Column column, byte[] key);

    /**
     * The values of several keys of one column, in the order of {@code keys} (null where absent):
     * one call for what would be many, which RocksDB answers faster than separate reads.
     */
    default List<byte[]> getAll(Column column, List<byte[]> keys) {
        List<byte[]> out = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            out.add(get(column, k));
        }
        return out;
    }

    /** Applies every operation of the batch, or none of them (also across a crash). */
    void write(StoreBatch batch);

    /**
     * Visits the entries whose key starts with {@code prefix}, in key order, until the visitor
     * returns false. An empty prefix visits the whole column.
     */
    void scan(Column column, byte[] prefix, BiPredicate<byte[], byte[]> visitor);

    /**
     * The first read this store could not do since it opened (a damaged file: a checksum that
     * does not match), if any. What it could not read is gone for this run; the rest still reads.
     */
    default Optional<String> readFailure() {
        return Optional.empty();
    }

    /** Human-readable location, for logs and errors ("memory" or the directory). */
    String location();

    @Override
    void close();
}
