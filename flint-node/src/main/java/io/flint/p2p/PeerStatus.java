package io.flint.p2p;

/** Liveness as {@code /peers} reports it. */
public enum PeerStatus { ALIVE, UNREACHABLE }
