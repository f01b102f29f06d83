package io.flint.p2p;

import io.flint.p2p.transport.Endpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The peers this node greeted and never heard from, so that it can say so once. A peer that
 * refuses a HELLO (a second node under a live id, a banned endpoint, another genesis) only closes
 * the connection, and a wrong address or a firewall answers nothing at all: without this a node
 * none of whose bootstrap peers answered logged nothing, and called itself ready at its own tip.
 *
 * <p>Two kinds: the peers greeted at start (config.json, peers.json, {@code --peers} addresses
 * greeted before the check), judged together once {@code waitMillis} after start; and addresses
 * added later ({@code addpeer}, {@code POST /peers}), each judged {@code waitMillis} after it
 * was first greeted.
 */
final class AnswerWatch {
    /** Addresses added on request and awaited at once, at most (the oldest forgotten first). */
    private static final int ADDED_MAX = 1_000;

    /** The start check's verdict: the peers tried at start that never answered, of how many. */
    record StartSilence(List<String> silent, int tried) {
        boolean total() {
            return silent.size() == tried;
        }
    }

    private final long waitMillis;
    /** When the start check is due; -1 before start and once it is done. */
    private long startCheckAt = -1;
    /** The peers tried at start, by endpoint, as the log names them. */
    private final Map<Endpoint, String> startPeers = new LinkedHashMap<>();
    private final Set<Endpoint> startPeersHeard = new HashSet<>();
    /** Addresses added on request, with when they must have answered by, in order of that time. */
    private final Map<Endpoint, Long> added = new RecentMap<>(ADDED_MAX);

    AnswerWatch(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    void started(long now) {
        startCheckAt = now + waitMillis;
    }

    /** A peer greeted at start; after the start check, nothing (a bootstrap address greeted again). */
    void greetedAtStart(Endpoint endpoint, String name) {
        if (startCheckAt >= 0) {
            startPeers.putIfAbsent(endpoint, name);
        }
    }

    /** An address greeted on request: named if it has not answered {@code waitMillis} from now. */
    void greetedOnRequest(Endpoint endpoint, long now) {
        added.putIfAbsent(endpoint, now + waitMillis);
    }

    /** Whether anything is awaited (else an answer need not be looked up). */
    boolean waiting() {
        return startCheckAt >= 0 || !added.isEmpty();
    }

    /** Something came from {@code endpoint}: a frame on a connection dialled to it, or its first message. */
    void answered(Endpoint endpoint) {
        if (startPeers.containsKey(endpoint)) {
            startPeersHeard.add(endpoint);
        }
        added.remove(endpoint);
    }

    /**
     * Moves every deadline {@code millis} later: the node itself was stopped that long (a paused
     * process), so its peers had no chance to answer.
     */
    void postpone(long millis) {
        if (startCheckAt >= 0) {
            startCheckAt += millis;
        }
        added.replaceAll((endpoint, by) -> by + millis);
    }

    /** Once, when the wait after start is over and some peer tried at start never answered. */
    Optional<StartSilence> startSilence(long now) {
        if (startCheckAt < 0 || now < startCheckAt) {
            return Optional.empty();
        }
        startCheckAt = -1;
        List<String> silent = new ArrayList<>();
        startPeers.forEach((endpoint, name) -> {
            if (!startPeersHeard.contains(endpoint)) {
                silent.add(name);
            }
        });
        int tried = startPeers.size();
        startPeers.clear();
        startPeersHeard.clear();
        return silent.isEmpty() ? Optional.empty() : Optional.of(new StartSilence(silent, tried));
    }

    /** The addresses added on request whose wait is over without an answer; each is named once. */
    List<Endpoint> overdue(long now) {
        List<Endpoint> out = new ArrayList<>();
        // in order of deadline (one wait after each was added): the first one not due ends the look
        for (Iterator<Map.Entry<Endpoint, Long>> it = added.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Endpoint, Long> e = it.next();
            if (e.getValue() > now) {
                break;
            }
            out.add(e.getKey());
            it.remove();
        }
        return out;
    }
}
