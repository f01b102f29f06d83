package io.flint.p2p;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its oldest entry (by insertion) once it holds {@code capacity}: what the
 * engine remembers about peers and messages must stay bounded whatever peers send.
 */
final class RecentMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    RecentMap(int capacity) {
        super(Math.min(capacity, 1024), 0.75f, false);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
