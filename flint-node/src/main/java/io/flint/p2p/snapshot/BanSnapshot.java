package io.flint.p2p.snapshot;

import java.time.Instant;

/** A banned peer for {@code /blacklist}: its id, the endpoint it listens on ("" if unknown), why, until when. */
public record BanSnapshot(String peerId, String endpoint, String reason, Instant expires) {}
