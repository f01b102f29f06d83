package io.flint.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What was seen of a node joining, measured from outside through the HTTP API of every node,
 * from the moment its P2P port accepted connections (it says HELLO right then).
 *
 * @param node the new node
 * @param startup from process (or container) start until its P2P port listened
 * @param seenBy how many other nodes list it as a peer
 * @param askable how many other nodes answered on their HTTP API
 * @param seenAfter until the last of {@code seenBy} listed it (empty if none did)
 * @param syncedHeight its height once ready (-1 if it did not report ready)
 * @param syncedAfter until {@code /health/ready} answered 200 (empty if it did not in time)
 * @param bannedBy the nodes that did not list it because they ban it (a node coming back under the
 *     id of one they banned, the malicious 5000 say), each with its brief reason
 */
public record JoinReport(NodeEntry node, Duration startup, int seenBy, int askable, Optional<Duration> seenAfter,
        long syncedHeight, Optional<Duration> syncedAfter, Map<String, String> bannedBy) {

    public JoinReport {
        bannedBy = Map.copyOf(bannedBy);
    }

    /** A join no node's ban explains any part of. */
    public JoinReport(NodeEntry node, Duration startup, int seenBy, int askable, Optional<Duration> seenAfter,
            long syncedHeight, Optional<Duration> syncedAfter) {
        this(node, startup, seenBy, askable, seenAfter, syncedHeight, syncedAfter, Map.of());
    }

    /** "node 5011 joined: seen by 10 of 11 peers in 1.2 s, synced to height 42 in 850 ms". */
    public String sentence() {
        if (askable == 0 && syncedAfter.isEmpty()) {
            return "node " + node.id() + " started (" + node.handle() + ", P2P " + node.host() + ":" + node.p2pPort()
                    + "); no node answers on its HTTP API, so the join cannot be watched";
        }
        StringBuilder s = new StringBuilder("node ").append(node.id()).append(" joined: seen by ").append(seenBy)
                .append(" of ").append(askable).append(askable == 1 ? " peer" : " peers");
        seenAfter.ifPresent(d -> s.append(" in ").append(Durations.human(d)));
        if (!bannedBy.isEmpty()) {
            s.append(" (").append(String.join(", ", new TreeMap<>(bannedBy).keySet()))
                    .append(bannedBy.size() == 1 ? " bans it: " : " ban it: ")
                    .append(String.join("; ", new TreeSet<>(bannedBy.values()))).append(')');
        }
        if (syncedAfter.isPresent()) {
            s.append(", synced to height ").append(syncedHeight).append(" in ")
                    .append(Durations.human(syncedAfter.get()));
        } else {
            s.append(", not synced yet");
        }
        return s.toString();
    }
}
