package io.flint.core.consensus;

import io.flint.core.OutPoint;
import java.util.Optional;

/**
 * A view of unspent outputs: the chain tip's UTXO set, that set with a pool's transactions on
 * top, or a branch being connected. The rules read coins only through this.
 */
@FunctionalInterface
public interface UtxoLookup {
    /** The unspent output at {@code outpoint}, or empty when it does not exist or is spent. */
    Optional<Coin> coin(OutPoint outpoint);
}
