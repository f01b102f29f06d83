package io.flint.p2p.message;

/** One peer in a PEERS_LIST: where it listens, its flags and the status the sender sees. */
public record PeerEntry(String ip, int port, PeerFlags flags, String status) {}
