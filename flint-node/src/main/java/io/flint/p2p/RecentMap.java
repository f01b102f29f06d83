package io.flint.p2p;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its oldest entry (by insertion) once it holds {@code capacity}: what a node
 * remembers about peers, messages and blocks must stay bounded whatever peers send and however
 * long it runs.
 */
public final class RecentMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    public RecentMap(int capacity) {
        super(Math.min(capacity, 1024), 0.75f, false);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
