package io.flint.net.memory;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One end of a simulated connection, and the stream of things travelling from it to the far
 * end. Guarded by the {@link MemoryNetwork}'s lock.
 */
final class MemoryConnection {

    enum Kind { CONNECTED, FRAME, CLOSE }

    /** Something on its way to the far end; delivered only once everything before it has arrived. */
    static final class InFlight {
        final Kind kind;
        final byte[] payload;
        final String reason;
        boolean arrived;

        InFlight(Kind kind, byte[] payload, String reason) {
            this.kind = kind;
            this.payload = payload;
            this.reason = reason;
        }
    }

    /** An outbound connection being opened, with the frames sent to it meanwhile. */
    static final class Dial {
        final Endpoint to;
        final List<byte[]> queued = new ArrayList<>();
        boolean finished;

        Dial(Endpoint to) {
            this.to = to;
        }
    }

    final ConnectionId id;
    final MemoryTransport owner;
    /** The far end's address as this side sees it. */
    final Endpoint remote;
    /** The dial that opened this end (dialer ends only). */
    final Dial dial;
    final ArrayDeque<InFlight> outgoing = new ArrayDeque<>();
    MemoryConnection far;
    /** Where the far node listens, once known. */
    Endpoint bound;
    /** Registered with its owner and announced through onConnected. */
    boolean established;
    boolean open = true;
    /** Its node went down: frames it had sent are lost with it. */
    boolean crashed;

    MemoryConnection(ConnectionId id, MemoryTransport owner, Endpoint remote, Dial dial) {
        this.id = id;
        this.owner = owner;
        this.remote = remote;
        this.dial = dial;
    }
}
