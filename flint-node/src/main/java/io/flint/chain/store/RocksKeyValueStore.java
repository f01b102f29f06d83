package io.flint.chain.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The on-disk store: one RocksDB database with a column family per {@link Column}. Every
 * {@link StoreBatch} becomes one RocksDB {@code WriteBatch}, so a block connect is atomic; the
 * write-ahead log makes it survive {@code kill -9} (not a power loss: writes are not fsynced,
 * as in Bitcoin Core, because the chain can be re-downloaded).
 */
public final class RocksKeyValueStore implements KeyValueStore {
    private static final long CACHE_BYTES = 64L * 1024 * 1024;

    private final Path directory;
    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final LRUCache cache;
    private final BloomFilter bloom;
    private final WriteOptions writeOptions;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final Map<Column, ColumnFamilyHandle> byColumn = new EnumMap<>(Column.class);
    private final AtomicReference<String> readFailure = new AtomicReference<>();
    private final AtomicReference<String> writeFailure = new AtomicReference<>();
    private final StoreFailures failures;
    private volatile boolean closed;

    private RocksKeyValueStore(Path directory, RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions,
            LRUCache cache, BloomFilter bloom, List<ColumnFamilyHandle> handles, StoreFailures failures) {
        this.directory = directory;
        this.failures = failures;
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.cache = cache;
        this.bloom = bloom;
        this.writeOptions = new WriteOptions().setSync(false).setDisableWAL(false);
        this.handles.addAll(handles);
        // handle 0 is RocksDB's mandatory "default" family, unused by Flint
        Column[] columns = Column.values();
        for (int i = 0; i < columns.length; i++) {
            byColumn.put(columns[i], handles.get(i + 1));
        }
    }

    /**
     * Opens (creating if needed) the store in {@code directory}.
     *
     * @throws StoreException with a plain reason, e.g. when another process holds the directory
     */
    public static RocksKeyValueStore open(Path directory) {
        return open(directory, StoreFailures.IGNORED);
    }

    /**
     * As {@link #open(Path)}, telling {@code failures} the first read and the first write that
     * fail: a node says then what its operator should do (and stops when it can no longer
     * write); {@code flint chain verify} reports damage itself.
     */
    public static RocksKeyValueStore open(Path directory, StoreFailures failures) {
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
        LRUCache cache = new LRUCache(CACHE_BYTES);
        BloomFilter bloom = new BloomFilter(10);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom));
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxOpenFiles(256)
                .setKeepLogFileNum(2)
                // no preallocated write-ahead log (about 70 MiB at the 64 MiB write buffer) or
                // MANIFEST (4 MiB): a new node took 75 MiB of disk for a chain under 1 MiB, which
                // the node's own free-space floor then took for a disk filling up (operator tester)
                .setAllowFAllocate(false);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (Column c : Column.values()) {
            descriptors.add(new ColumnFamilyDescriptor(c.familyName().getBytes(StandardCharsets.UTF_8), cfOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
            return new RocksKeyValueStore(directory, db, dbOptions, cfOptions, cache, bloom, handles, failures);
        } catch (RocksDBException e) {
            cfOptions.close();
            dbOptions.close();
            cache.close();
            bloom.close();
            throw new StoreException(explain(directory, e), e);
        }
    }

    private static String explain(Path directory, RocksDBException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("lock") || msg.contains("LOCK")) {
            return "the chain store " + directory + " is in use by another process (is another flint node running "
                    + "with this data directory?)";
        }
        return "cannot open the chain store " + directory + ": " + msg;
    }

    @Override
    public byte[] get(Column column, byte[] key) {
        ensureOpen();
        try {
            return db.get(byColumn.get(column), key);
        } catch (RocksDBException e) {
            throw readFailed("read failed in " + column.familyName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<byte[]> getAll(Column column, List<byte[]> keys) {
        ensureOpen();
        if (keys.isEmpty()) {
            return List.of();
        }
        ColumnFamilyHandle h = byColumn.get(column);
        try {
            return db.multiGetAsList(Collections.nCopies(keys.size(), h), keys);
        } catch (RocksDBException e) {
            throw readFailed("read of " + keys.size() + " keys failed in " + column.familyName() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void write(StoreBatch batch) {
        ensureOpen();
        if (batch.isEmpty()) {
            return;
        }
        try (WriteBatch wb = new WriteBatch()) {
            for (StoreBatch.Op op : batch.ops()) {
                ColumnFamilyHandle h = byColumn.get(op.column());
                if (op.isDelete()) {
                    wb.delete(h, op.key());
                } else {
                    wb.put(h, op.key(), op.value());
                }
            }
            db.write(writeOptions, wb);
        } catch (RocksDBException e) {
            String message = "write of " + batch.size() + " operations failed: " + e.getMessage();
            if (writeFailure.compareAndSet(null, message)) {
                failures.writeFailed(message);
            }
            throw new StoreException(message, e);
        }
    }

    @Override
    public void scan(Column column, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        ensureOpen();
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(byColumn.get(column), ro)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!MemoryKeyValueStore.startsWith(key, prefix)) {
                    return;
                }
                if (!visitor.test(key, it.value())) {
                    return;
                }
            }
            // an iterator that meets a damaged block just stops being valid: without this check a
            // scan would end early and its caller take part of a family for all of it
            it.status();
        } catch (RocksDBException e) {
            throw readFailed("scan failed in " + column.familyName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> readFailure() {
        return Optional.ofNullable(readFailure.get());
    }

    /** Records the first failed read and tells the listener once: every later read of the same damage fails alike. */
    private StoreException readFailed(String message, RocksDBException e) {
        if (readFailure.compareAndSet(null, message)) {
            failures.readFailed(message);
        }
        return new StoreException(message, e);
    }

    @Override
    public String location() {
        return directory.toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        writeOptions.close();
        dbOptions.close();
        cfOptions.close();
        cache.close();
        bloom.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("chain store " + directory + " is closed");
        }
    }
}
