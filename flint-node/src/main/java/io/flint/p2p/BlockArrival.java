package io.flint.p2p;

/**
 * Which peer a block came from and by which path.
 *
 * @param fromPeer the peer that sent it
 * @param via how it came
 */
public record BlockArrival(String fromPeer, BlockPath via) {}
