/**
 * The protocol engine, sans-I/O: message catalog ({@code message}), peer table, membership and
 * liveness, gossip and de-duplication, outbox and link simulation, NAT relay, headers-first
 * sync, offences and bans, malicious mode. {@link io.flint.p2p.P2pEngine} is driven on one
 * thread by transport callbacks (it is a {@link io.flint.p2p.transport.TransportListener}),
 * {@code onTick()} and commands; it sends through a {@link io.flint.p2p.transport.Transport},
 * reads a {@link java.time.Clock} and draws from a {@link java.util.random.RandomGenerator}.
 * The node adapts its chain and pool with {@link io.flint.p2p.ChainStateAccess} and
 * {@link io.flint.p2p.MempoolAccess}. docs/protocol.md describes the protocol and the wiring.
 */
package io.flint.p2p;
