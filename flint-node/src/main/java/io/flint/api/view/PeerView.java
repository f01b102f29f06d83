package io.flint.api.view;

/**
 * One entry of {@code GET /peers}: {@code status} ALIVE or UNREACHABLE, {@code rtt_ms} -1 until measured,
 * {@code relay} the peer messages to it go through ("" when direct), {@code mode} normal/malicious as the
 * peer declared it, {@code address} its payout address, {@code height} the tip it last showed, {@code
 * last_seen} ISO-8601 or null.
 */
public record PeerView(String id, String ip, int port, String status, boolean nat, boolean light, double rttMs,
        String relay, String mode, String address, int httpPort, long height, String lastSeen) {
}
