package io.flint.chain;

import io.flint.core.Block;
import io.flint.core.Hash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks whose parent is not known yet, kept until it arrives: bounded in count and bytes (the
 * oldest go first when full), expired after a while, indexed by parent hash so a parent's arrival
 * finds its children at once. Thread-safe: the HTTP API lists them while the loop changes them.
 */
public final class OrphanBlocks {
    /** One kept orphan, as listed by {@link #list()}. */
    public record Entry(Block block, Instant received) {
        public Hash hash() {
            return block.hash();
        }

        public Hash parent() {
            return block.header().prevHash();
        }
    }

    private final int maxCount;
    private final long maxBytes;
    private final Duration expiry;
    /** In arrival order, so the first entry is the oldest. */
    private final LinkedHashMap<Hash, Entry> byHash = new LinkedHashMap<>();
    private final Map<Hash, List<Hash>> byParent = new HashMap<>();
    private long bytes;

    public OrphanBlocks(int maxCount, long maxBytes, Duration expiry) {
        if (maxCount < 1 || maxBytes < 1 || expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("orphan limits must be positive");
        }
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.expiry = expiry;
    }

    /**
     * Keeps {@code block}, evicting the oldest orphans if it would not fit. Returns false (and
     * keeps nothing) when it is known already or larger than the whole byte budget.
     */
    public synchronized boolean add(Block block, Instant now) {
        if (byHash.containsKey(block.hash()) || block.size() > maxBytes) {
            return false;
        }
        while (!byHash.isEmpty() && (byHash.size() >= maxCount || bytes + block.size() > maxBytes)) {
            remove(byHash.keySet().iterator().next());
        }
        byHash.put(block.hash(), new Entry(block, now));
        byParent.computeIfAbsent(block.header().prevHash(), p -> new ArrayList<>(1)).add(block.hash());
        bytes += block.size();
        return true;
    }

    public synchronized boolean contains(Hash hash) {
        return byHash.containsKey(hash);
    }

    /** Removes and returns the orphans whose parent is {@code parent}, oldest first. */
    public synchronized List<Block> takeChildren(Hash parent) {
        List<Hash> hashes = byParent.get(parent);
        if (hashes == null) {
            return List.of();
        }
        List<Block> out = new ArrayList<>();
        for (Hash h : List.copyOf(hashes)) {
            Entry e = byHash.get(h);
            remove(h);
            out.add(e.block());
        }
        return out;
    }

    /** Drops the orphans received more than the expiry before {@code now}; returns how many. */
    public synchronized int expire(Instant now) {
        Instant cutoff = now.minus(expiry);
        List<Hash> old = new ArrayList<>();
        for (Entry e : byHash.values()) {
            if (e.received().isBefore(cutoff)) {
                old.add(e.hash());
            }
        }
        old.forEach(this::remove);
        return old.size();
    }

    /** The kept orphans, oldest first. */
    public synchronized List<Entry> list() {
        return List.copyOf(byHash.values());
    }

    public synchronized int size() {
        return byHash.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    private void remove(Hash hash) {
        Entry e = byHash.remove(hash);
        if (e == null) {
            return;
        }
        bytes -= e.block().size();
        List<Hash> siblings = byParent.get(e.parent());
        siblings.remove(hash);
        if (siblings.isEmpty()) {
            byParent.remove(e.parent());
        }
    }
}
