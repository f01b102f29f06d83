package io.flint.chain.store;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The in-memory store: same ordering and atomicity as RocksDB, nothing on disk. Used by tests
 * and the simulator, where thousands of nodes share one JVM.
 */
public final class MemoryKeyValueStore implements KeyValueStore {
    private final Map<Column, NavigableMap<byte[], byte[]>> columns = new EnumMap<>(Column.class);
    private boolean closed;

    public MemoryKeyValueStore() {
        for (Column c : Column.values()) {
            columns.put(c, new TreeMap<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public synchronized byte[] get(Column column, byte[] key) {
        ensureOpen();
        byte[] v = columns.get(column).get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public synchronized void write(StoreBatch batch) {
        ensureOpen();
        // the batch is fully built before any change, so applying it cannot fail halfway
        for (StoreBatch.Op op : batch.ops()) {
            NavigableMap<byte[], byte[]> map = columns.get(op.column());
            if (op.isDelete()) {
                map.remove(op.key());
            } else {
                map.put(op.key().clone(), op.value().clone());
            }
        }
    }

    @Override
    public synchronized void scan(Column column, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        ensureOpen();
        for (Map.Entry<byte[], byte[]> e : columns.get(column).tailMap(prefix, true).entrySet()) {
            if (!startsWith(e.getKey(), prefix)) {
                return;
            }
            if (!visitor.test(e.getKey().clone(), e.getValue().clone())) {
                return;
            }
        }
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("store is closed");
        }
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
