package io.flint.p2p;

import io.flint.p2p.message.PeerFlags;
import io.flint.p2p.message.TipInfo;
import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** What the engine knows of one peer. Mutable, owned by the event loop; never handed out. */
final class Peer {
    /**
     * Pings whose PONG still measures RTT: the last few, at least 20 s worth at the 5 s interval.
     * An answer to an older one says more about the queue it sat in than about the link.
     */
    static final int PINGS_REMEMBERED = 4;

    final String id;
    Endpoint endpoint;
    PeerFlags flags;
    boolean bootstrap;
    PeerStatus status = PeerStatus.UNREACHABLE;
    boolean heardFrom;
    /** Reported UNREACHABLE (log and event) and not heard from since: its return is reported too. */
    boolean reportedUnreachable;
    long lastSeen = -1;
    /** When silence started counting: the last time heard from, or when the peer was added. */
    long silentSince;
    long nextPingAt;
    long pingBackoff;
    double rttMs = -1;
    /** The last pings sent to it, oldest first. */
    private final ArrayDeque<PingSent> pingsSent = new ArrayDeque<>(PINGS_REMEMBERED);
    TipInfo tip;
    /** The height it last announced in HELLO or LATEST_BLOCK (-1 if none). */
    long announcedHeight = -1;
    String address = "";
    String mode = "";
    int httpPort;
    /** NATed peers this peer says it holds a connection from. */
    Set<String> reach = Set.of();
    final Set<ConnectionId> connections = new LinkedHashSet<>();
    boolean helloSent;
    /** When we last sent it a HELLO (ms; Long.MIN_VALUE / 2 before the first). */
    long helloSentAt = Long.MIN_VALUE / 2;
    /**
     * It answered on a connection we dialled to {@link #endpoint}: the endpoint is shown to be
     * its, so anything for it may go there. Until then only a live connection of its own carries
     * what we send it (and greetings and pings, if {@link #dialable}).
     */
    boolean endpointVerified;
    /**
     * Its endpoint came from the configuration, peers.json or another peer, so we may dial it to
     * greet it. False when it came only from its own HELLO on a connection it opened: that is
     * any address an attacker names, and the peer can dial us again itself.
     */
    boolean dialable;
    /** Learned from another peer and waiting for its paced greeting (not pinged before that). */
    boolean greetPending;
    /** A GOODBYE under its id came on a connection not confirmed to be its: until then it is removed when its connections close. */
    long goodbyeClaimedUntil = Long.MIN_VALUE / 2;
    /** Its inbound rate limit, created with its first rate-limited message on a confirmed connection. */
    InboundLimit inbound;

    Peer(String id, Endpoint endpoint, PeerFlags flags, long now) {
        this.id = id;
        this.endpoint = endpoint;
        this.flags = flags;
        this.silentSince = now;
        this.nextPingAt = now;
    }

    /**
     * A ping on its way: the {@code timestamp} it carries (whole ms, as the protocol has it) and
     * the instant it was sent, to the clock's precision: on loopback a round trip is a few ms of
     * the two nodes' own work, which whole ms showed as 1 to 5 with nothing between.
     */
    private record PingSent(long timestamp, Instant at) {}

    void pingSent(long timestamp, Instant at) {
        if (pingsSent.size() == PINGS_REMEMBERED) {
            pingsSent.removeFirst();
        }
        pingsSent.addLast(new PingSent(timestamp, at));
    }

    /**
     * When the ping whose {@code echoed} timestamp a PONG carries was sent, if it was sent to this
     * peer and not answered yet: only such a PONG measures RTT (any other timestamp is whatever the
     * sender wrote, and made /latency and the RTT metric show years). It and the pings before it
     * are answered now.
     */
    Optional<Instant> answersPing(long echoed) {
        if (pingsSent.stream().noneMatch(p -> p.timestamp() == echoed)) {
            return Optional.empty();
        }
        // the pings before it are lost, or their PONG is late and no measure
        PingSent answered;
        do {
            answered = pingsSent.removeFirst();
        } while (answered.timestamp() != echoed);
        return Optional.of(answered.at());
    }

    boolean alive() {
        return status == PeerStatus.ALIVE;
    }

    long height() {
        return Math.max(announcedHeight, tip == null ? -1 : tip.height());
    }

    PeerRecord record() {
        return new PeerRecord(id, endpoint, flags.withNewNode(false), bootstrap);
    }
}
