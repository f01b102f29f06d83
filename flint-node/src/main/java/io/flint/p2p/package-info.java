/**
 * The protocol engine, sans-I/O: message catalog, peer table, membership and liveness, gossip and de-duplication, outbox, NAT relay, block and header sync, offences and bans. Driven by onMessage and onTick; sends through a Transport port; reads a Clock.
 */
package io.flint.p2p;
