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
 * Offences and bans. A peer is banned by its id and the endpoint it listens on. A connection that
 * never said who it is (no HELLO) is charged to the host it comes from, and banned as a host: that
 * host's inbound connections are then refused. Which hosts may be banned is the engine's call
 * (never a loopback one: every local peer shares 127.0.0.1). Offences expire with the ban they
 * caused.
 *
 * <p>Every map here is bounded ({@link #MAX_TRACKED} keys, the oldest forgotten first): offences
 * are charged only to confirmed peers and to hosts, but an attacker with many connections or
 * addresses must still not grow it without end. Forgetting the oldest count or ban of a flood
 * of newcomers costs less than running out of memory.
 */
final class BanList {
    /** Ids, endpoints or hosts each map here holds at most. */
    static final int MAX_TRACKED = 10_000;

    /** A ban in force. */
    record Ban(String peerId, Endpoint endpoint, String reason, long until) {
        /** As /blacklist lists it. */
        BanSnapshot snapshot() {
            return new BanSnapshot(peerId, endpoint == null ? "" : endpoint.toString(), reason, Instant.ofEpochMilli(until));
        }
    }

    /** A ban in force on a host that never said who it is. */
    record HostBan(String host, String reason, long until) {}

    private final int threshold;
    private final long durationMillis;
    private final Map<String, Integer> offences = bounded();
    private final Map<String, Ban> byId = new LinkedHashMap<>();
    private final Map<Endpoint, Ban> byEndpoint = new HashMap<>();
    private final Map<String, Integer> hostOffences = bounded();
    private final Map<String, HostBan> byHost = bounded();

    private static <K, V> Map<K, V> bounded() {
        return new RecentMap<>(MAX_TRACKED);
    }

    BanList(int threshold, long durationMillis) {
        this.threshold = threshold;
        this.durationMillis = durationMillis;
    }

    /** Counts one offence against {@code key}; the ban when this one reaches the threshold. */
    Optional<Ban> offence(String key, Endpoint endpoint, String reason, long now) {
        if (isBanned(key, now)) {
            return Optional.empty();
        }
        if (!strike(offences, key)) {
            return Optional.empty();
        }
        return Optional.of(banNow(key, endpoint, reason, now + durationMillis));
    }

    /**
     * A ban the operator asks for ({@code POST /blacklist}: a lab's partition, a peer to keep
     * away): no offences needed, and it replaces a ban of that id already in place.
     */
    Ban banNow(String key, Endpoint endpoint, String reason, long until) {
        Ban old = byId.get(key);
        if (old != null) {
            lift(old);
        }
        Ban ban = new Ban(key, endpoint, reason, until);
        byId.put(key, ban);
        if (endpoint != null) {
            byEndpoint.put(endpoint, ban);
        }
        if (byId.size() > MAX_TRACKED) {
            lift(byId.values().iterator().next());
        }
        return ban;
    }

    /**
     * Counts one offence against {@code host}, for a connection that has not said who it is; the
     * host's ban when this one reaches the threshold.
     */
    Optional<HostBan> hostOffence(String host, String reason, long now) {
        if (isHostBanned(host, now)) {
            return Optional.empty();
        }
        if (!strike(hostOffences, host)) {
            return Optional.empty();
        }
        HostBan ban = new HostBan(host, reason, now + durationMillis);
        byHost.put(host, ban);
        return Optional.of(ban);
    }

    /** Counts one offence against {@code key}: true, and the count forgotten, when it reaches the threshold. */
    private boolean strike(Map<String, Integer> counts, String key) {
        if (counts.merge(key, 1, Integer::sum) < threshold) {
            return false;
        }
        counts.remove(key);
        return true;
    }

    boolean isHostBanned(String host, long now) {
        HostBan b = byHost.get(host);
        if (b != null && b.until() <= now) {
            byHost.remove(host);
            return false;
        }
        return b != null;
    }

    int offences(String key) {
        return offences.getOrDefault(key, 0);
    }

    boolean isBanned(String peerId, long now) {
        return banOf(peerId, now).isPresent();
    }

    /** The ban in force on peer {@code peerId}, if any. */
    Optional<Ban> banOf(String peerId, long now) {
        Ban b = byId.get(peerId);
        if (b != null && b.until() <= now) {
            lift(b);
            return Optional.empty();
        }
        return Optional.ofNullable(b);
    }

    boolean isBanned(Endpoint endpoint, long now) {
        return banOn(endpoint, now).isPresent();
    }

    /** The ban in force on {@code endpoint}, whoever was banned there. */
    Optional<Ban> banOn(Endpoint endpoint, long now) {
        Ban b = byEndpoint.get(endpoint);
        if (b != null && b.until() <= now) {
            lift(b);
            return Optional.empty();
        }
        return Optional.ofNullable(b);
    }

    /**
     * Lifts the ban on peer {@code key}, or else on host {@code key}, before it expires (the
     * operator's call); the reason it was banned for. Its offences were forgotten at the ban.
     */
    Optional<String> liftEarly(String key) {
        Ban ban = byId.get(key);
        if (ban != null) {
            lift(ban);
            return Optional.of(ban.reason());
        }
        return Optional.ofNullable(byHost.remove(key)).map(HostBan::reason);
    }

    private void lift(Ban b) {
        byId.remove(b.peerId());
        if (b.endpoint() != null) {
            byEndpoint.remove(b.endpoint(), b);
        }
    }

    /** Keys held in all maps together (ids and hosts with offences or bans), for tests of the bounds. */
    int tracked() {
        return offences.size() + byId.size() + byEndpoint.size() + hostOffences.size() + byHost.size();
    }

    /** Lifts the bans that ran out; returns the ids (hosts are not ids: not among them). */
    List<String> expire(long now) {
        List<String> ended = new ArrayList<>();
        for (Ban b : new ArrayList<>(byId.values())) {
            if (b.until() <= now) {
                lift(b);
                ended.add(b.peerId());
            }
        }
        byHost.values().removeIf(b -> b.until() <= now);
        return ended;
    }

    List<BanSnapshot> snapshot() {
        List<BanSnapshot> out = new ArrayList<>();
        for (Ban b : byId.values()) {
            out.add(b.snapshot());
        }
        for (HostBan b : byHost.values()) {
            // a host ban has no id, and no port: every connection from the host is refused
            out.add(new BanSnapshot("", b.host(), b.reason(), Instant.ofEpochMilli(b.until())));
        }
        return out;
    }
}
