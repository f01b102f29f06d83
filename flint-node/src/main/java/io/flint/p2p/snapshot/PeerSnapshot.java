package io.flint.p2p.snapshot;

import java.time.Instant;

/**
 * One peer as {@code /peers} shows it.
 *
 * @param status "ALIVE" or "UNREACHABLE"
 * @param rttMs the last measured round trip, or -1 if none yet
 * @param relay the id of the peer messages to it go through, or "" when reached directly
 * @param mode "normal"/"malicious" as the peer declared it, or ""
 * @param lastSeen when it was last heard from (null if never)
 */
public record PeerSnapshot(String id, String ip, int port, String status, boolean nat, boolean light, double rttMs,
        String relay, String mode, Instant lastSeen, String address, int httpPort, long height) {}
