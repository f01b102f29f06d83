package io.flint.p2p.message;

import io.flint.core.Hash;
import java.math.BigInteger;

/**
 * A peer's best chain as it advertises it in PING and PONG (Flint's addition: fields
 * {@code height}, {@code tip}, {@code chain_work}), so a node notices "a peer shows more work"
 * within one ping interval and starts a headers-first sync with it.
 */
public record TipInfo(long height, Hash hash, BigInteger work) {
    public TipInfo {
        if (height < 0 || hash == null || work == null || work.signum() < 0) {
            throw new IllegalArgumentException("a tip needs a height >= 0, a hash and a non-negative work");
        }
    }
}
