package io.flint.p2p;

import java.util.Map;

/** Message ids seen recently, oldest forgotten first once {@code capacity} is reached. */
final class SeenMessages {
    private final Map<String, Boolean> ids;

    SeenMessages(int capacity) {
        this.ids = new RecentMap<>(capacity);
    }

    /** Records {@code id}; true if it was new. */
    boolean firstSight(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }

    boolean contains(String id) {
        return ids.containsKey(id);
    }
}
