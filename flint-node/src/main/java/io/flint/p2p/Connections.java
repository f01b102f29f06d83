package io.flint.p2p;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine knows of each live connection: where it comes from, which peer it speaks for
 * (if any), whether that claim is confirmed, and how many offences it has committed while
 * speaking for nobody. One entry per connection, dropped when the connection closes, so nothing
 * of a closed connection lingers. Used only on the engine's event loop (not thread-safe).
 */
final class Connections {
    /** The state of one connection. */
    private static final class Link {
        Endpoint remote;
        String peerId;
        /**
         * Spoke for a peer that already had a live connection. Ids are not authenticated, so
         * such a connection may be anyone's (it is also what two nodes dialling each other at
         * once look like): it is served, but offences on it are charged to its host, not to the
         * id, and it cannot move the peer to another endpoint.
         */
        boolean unconfirmed;
        int offences;
        /**
         * A well-formed message came on it. Until then a connection we dialled speaks for the
         * peer only by the address we had for it, which may be stale: whatever listens there now
         * (another program, another node) is not the peer, and is not blamed as the peer.
         */
        boolean spoken;
        /** The rate limit of what comes on it while it speaks for no confirmed, known peer. */
        InboundLimit inbound;
    }

    private final Map<ConnectionId, Link> links = new HashMap<>();

    private Link link(ConnectionId connection) {
        return links.computeIfAbsent(connection, c -> new Link());
    }

    /** Records where {@code connection} comes from, as its socket says. */
    void opened(ConnectionId connection, Endpoint remote) {
        link(connection).remote = remote;
    }

    /** Records where {@code connection} comes from unless already known. */
    void openedIfUnknown(ConnectionId connection, Endpoint remote) {
        Link l = link(connection);
        if (l.remote == null) {
            l.remote = remote;
        }
    }

    /** Where {@code connection} comes from, or null when not known. */
    Endpoint remote(ConnectionId connection) {
        Link l = links.get(connection);
        return l == null ? null : l.remote;
    }

    /** The peer id {@code connection} speaks for, or null. */
    String peerOf(ConnectionId connection) {
        Link l = links.get(connection);
        return l == null ? null : l.peerId;
    }

    boolean speaksForSomeone(ConnectionId connection) {
        return peerOf(connection) != null;
    }

    /** The peer the connection speaks for when that is confirmed (blame goes to it), else null. */
    String confirmedPeerOf(ConnectionId connection) {
        Link l = links.get(connection);
        return l == null || l.unconfirmed ? null : l.peerId;
    }

    /** A well-formed message came on {@code connection}. */
    void spoke(ConnectionId connection) {
        link(connection).spoken = true;
    }

    /**
     * The peer blamed for what comes on {@code connection}: the confirmed one, once the
     * connection has carried a well-formed message (or was opened by the peer), else null.
     */
    String answerablePeerOf(ConnectionId connection) {
        Link l = links.get(connection);
        return l == null || l.unconfirmed || !(l.spoken || connection.inbound()) ? null : l.peerId;
    }

    boolean isUnconfirmed(ConnectionId connection) {
        Link l = links.get(connection);
        return l != null && l.unconfirmed;
    }

    /**
     * Binds {@code connection} to {@code peerId}; {@code unconfirmed} when the peer already had
     * another live connection. Returns the peer it spoke for before, or null.
     */
    String bind(ConnectionId connection, String peerId, boolean unconfirmed) {
        Link l = link(connection);
        String previous = l.peerId;
        l.peerId = peerId;
        l.unconfirmed = l.unconfirmed || unconfirmed;
        return previous;
    }

    /** The connection no longer speaks for anyone (its claim was refused). */
    void unbind(ConnectionId connection) {
        Link l = links.get(connection);
        if (l != null) {
            l.peerId = null;
            l.unconfirmed = false;
        }
    }

    /** Counts an offence on a connection that speaks for nobody and returns its total. */
    int offence(ConnectionId connection) {
        return ++link(connection).offences;
    }

    /**
     * The inbound rate limit of {@code connection} itself, created on first use: for what comes
     * on it while it does not speak for a confirmed, known peer. Dropped when it closes.
     */
    InboundLimit inboundLimit(ConnectionId connection, P2pConfig config, long now) {
        Link l = link(connection);
        if (l.inbound == null) {
            l.inbound = new InboundLimit(config, now);
        }
        return l.inbound;
    }

    /** How many connections are tracked (open ones: each is forgotten when it closes). */
    int size() {
        return links.size();
    }

    /** Forgets {@code connection}; returns the peer it spoke for, or null. */
    String closed(ConnectionId connection) {
        Link l = links.remove(connection);
        return l == null ? null : l.peerId;
    }

    /** The inbound connections from {@code host} that speak for nobody. */
    List<ConnectionId> anonymousInboundFrom(String host) {
        return links.entrySet().stream()
                .filter(e -> e.getKey().inbound() && e.getValue().peerId == null && e.getValue().remote != null
                        && e.getValue().remote.host().equals(host))
                .map(Map.Entry::getKey)
                .toList();
    }
}
