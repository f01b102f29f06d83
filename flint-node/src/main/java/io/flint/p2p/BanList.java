package io.flint.p2p;

import io.flint.p2p.snapshot.BanSnapshot;
import io.flint.p2p.transport.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offences and bans. A peer is banned by its id and the endpoint it listens on (never a whole
 * host: on loopback every peer shares 127.0.0.1). Offences expire with the ban they caused.
 */
final class BanList {

    /** A ban in force. */
    record Ban(String peerId, Endpoint endpoint, String reason, long until) {}

    private final int threshold;
    private final long durationMillis;
    private final Map<String, Integer> offences = new HashMap<>();
    private final Map<String, Ban> byId = new LinkedHashMap<>();
    private final Map<Endpoint, Ban> byEndpoint = new HashMap<>();

    BanList(int threshold, long durationMillis) {
        this.threshold = threshold;
        this.durationMillis = durationMillis;
    }

    /** Counts one offence against {@code key}; the ban when this one reaches the threshold. */
    Optional<Ban> offence(String key, Endpoint endpoint, String reason, long now) {
        if (isBanned(key, now)) {
            return Optional.empty();
        }
        int n = offences.merge(key, 1, Integer::sum);
        if (n < threshold) {
            return Optional.empty();
        }
        offences.remove(key);
        Ban ban = new Ban(key, endpoint, reason, now + durationMillis);
        byId.put(key, ban);
        if (endpoint != null) {
            byEndpoint.put(endpoint, ban);
        }
        return Optional.of(ban);
    }

    int offences(String key) {
        return offences.getOrDefault(key, 0);
    }

    boolean isBanned(String peerId, long now) {
        Ban b = byId.get(peerId);
        if (b != null && b.until() <= now) {
            lift(b);
            return false;
        }
        return b != null;
    }

    boolean isBanned(Endpoint endpoint, long now) {
        Ban b = byEndpoint.get(endpoint);
        if (b != null && b.until() <= now) {
            lift(b);
            return false;
        }
        return b != null;
    }

    private void lift(Ban b) {
        byId.remove(b.peerId());
        if (b.endpoint() != null) {
            byEndpoint.remove(b.endpoint());
        }
    }

    void expire(long now) {
        for (Ban b : new ArrayList<>(byId.values())) {
            if (b.until() <= now) {
                lift(b);
            }
        }
    }

    List<BanSnapshot> snapshot() {
        List<BanSnapshot> out = new ArrayList<>();
        for (Ban b : byId.values()) {
            out.add(new BanSnapshot(b.peerId(), b.endpoint() == null ? "" : b.endpoint().toString(), b.reason(),
                    Instant.ofEpochMilli(b.until())));
        }
        return out;
    }
}
