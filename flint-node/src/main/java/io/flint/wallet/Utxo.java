package io.flint.wallet;

import io.flint.core.Amount;
import io.flint.core.OutPoint;
import io.flint.core.script.Script;
import java.util.Objects;

/**
 * An unspent output the wallet may spend: where it is, what it is worth, the script that locks
 * it, the height of the block that holds it ({@link #UNCONFIRMED} while it is only in the
 * pool) and whether it is a coinbase output (spendable only after the maturity).
 */
public record Utxo(OutPoint outPoint, Amount value, Script scriptPubKey, long height, boolean coinbase) {
    /** The height of an output not yet in a block. */
    public static final long UNCONFIRMED = -1;

    public Utxo {
        Objects.requireNonNull(outPoint, "outPoint");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scriptPubKey, "scriptPubKey");
        if (height < UNCONFIRMED) {
            throw new IllegalArgumentException("height must be a block height or UNCONFIRMED, got " + height);
        }
        if (coinbase && height == UNCONFIRMED) {
            throw new IllegalArgumentException("a coinbase output is always in a block");
        }
    }

    public boolean isConfirmed() {
        return height != UNCONFIRMED;
    }

    /**
     * True when a transaction in the block after the tip may spend it. Consensus: a coinbase
     * output needs {@code coinbaseMaturity} confirmations. Wallet policy: only confirmed outputs
     * are spent, so a payment never rests on one that may still vanish from the pool.
     */
    public boolean isSpendableAt(WalletTip tip) {
        if (!isConfirmed() || height > tip.height()) {
            return false;
        }
        return !coinbase || tip.confirmations(height) >= tip.coinbaseMaturity();
    }

    /** A confirmed coinbase output still waiting for its maturity. */
    public boolean isImmatureAt(WalletTip tip) {
        return coinbase && isConfirmed() && !isSpendableAt(tip);
    }
}
