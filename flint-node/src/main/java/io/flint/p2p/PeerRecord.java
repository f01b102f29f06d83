package io.flint.p2p;

import io.flint.p2p.message.PeerFlags;
import io.flint.p2p.transport.Endpoint;

/**
 * A peer as configured or persisted (peers.json): enough to say HELLO to it again after a
 * restart. {@code bootstrap} peers are never forgotten, only pinged less often while silent.
 */
public record PeerRecord(String id, Endpoint endpoint, PeerFlags flags, boolean bootstrap) {}
