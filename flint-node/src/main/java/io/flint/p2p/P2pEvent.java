package io.flint.p2p;

import io.flint.core.Hash;
import java.time.Instant;

/** Something that happened on the network, for logs and server-sent events. */
public sealed interface P2pEvent {
    Instant at();

    record PeerJoined(Instant at, String peerId) implements P2pEvent {}

    record PeerLeft(Instant at, String peerId, String reason) implements P2pEvent {}

    /** A peer went silent past the ping timeout ({@code silentMs} since it was last heard from). */
    record PeerUnreachable(Instant at, String peerId, long silentMs) implements P2pEvent {}

    /** A peer reported {@link PeerUnreachable} was heard from again (after {@code silentMs} of silence). */
    record PeerAlive(Instant at, String peerId, long silentMs) implements P2pEvent {}

    record PeerBanned(Instant at, String peerId, String reason, Instant until) implements P2pEvent {}

    /**
     * One offence counted against peer {@code peerId} ({@code kind}: bad_frame, malformed,
     * invalid_block, invalid_tx, rate_limit), its {@code count} so far: the road to a ban, which
     * comes at the threshold. Offences of connections that never said who they are are not events.
     */
    record OffenceCounted(Instant at, String peerId, String kind, String reason, int count) implements P2pEvent {}

    /** A ban ended: lifted by the operator ({@code how} "operator") or run out ("expired"). */
    record BanLifted(Instant at, String peerId, String how) implements P2pEvent {}

    /** A new valid block from {@code fromPeer}; {@code tipChanged} if it moved the best chain. */
    record BlockReceived(Instant at, Hash hash, long height, String fromPeer, boolean tipChanged) implements P2pEvent {}

    record TxReceived(Instant at, Hash txid, String fromPeer) implements P2pEvent {}

    /** A PONG came back from {@code peerId} after {@code rttMs} (for the RTT histogram of the metrics). */
    record RttMeasured(Instant at, String peerId, double rttMs) implements P2pEvent {}

    /** Transactions a leaving or joining peer handed over, admitted to the pool. */
    record TransactionsHandedOver(Instant at, String fromPeer, int admitted, int offered) implements P2pEvent {}
}
