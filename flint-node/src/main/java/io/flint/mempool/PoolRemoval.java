package io.flint.mempool;

import io.flint.core.Hash;
import java.util.Optional;

/**
 * A transaction the pool dropped without its being confirmed (see {@link RemovalReason}); a
 * dropped transaction's descendants are dropped too, each reported with the same reason.
 *
 * @param conflictingTxid the block transaction that spends the same coin, for a {@link
 *     RemovalReason#CONFLICT} (also on a descendant: the transaction its ancestor lost to)
 * @param detail what happened, for a person: the outpoint, the ancestor, the rule broken
 */
public record PoolRemoval(Hash txid, RemovalReason reason, Optional<Hash> conflictingTxid, String detail) {
    public PoolRemoval {
        if (txid == null || reason == null || conflictingTxid == null || detail == null) {
            throw new IllegalArgumentException("a removal needs a txid, a reason, an optional conflicting txid and a detail");
        }
    }
}
