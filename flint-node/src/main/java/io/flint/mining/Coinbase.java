package io.flint.mining;

import io.flint.core.Amount;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.consensus.CoinbaseHeight;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The coinbase transaction a miner puts first in its block. Its scriptSig starts with the
 * block height as BIP 34 requires ({@link CoinbaseHeight}, the rule the chain checks), then the
 * extra nonce (varied when the header's nonce space runs out) and a short tag naming the software.
 */
public final class Coinbase {
    /** Identifies blocks mined by Flint, as Bitcoin miners tag theirs. */
    public static final String TAG = "/flint/";
    /** The most extra-nonce bytes a coinbase carries; with the height and the tag the scriptSig stays far below 100 bytes. */
    public static final int MAX_EXTRA_NONCE = 32;

    private Coinbase() {}

    /**
     * A version-1 coinbase for the block at {@code height}, paying {@code value} to {@code payout}.
     *
     * @throws IllegalArgumentException if the extra nonce is longer than {@link #MAX_EXTRA_NONCE}
     */
    public static Transaction create(long height, byte[] extraNonce, Script payout, Amount value) {
        TxIn in = new TxIn(OutPoint.NULL, scriptSig(height, extraNonce), TxIn.SEQUENCE_FINAL);
        return new Transaction(1, List.of(in), List.of(new TxOut(value, payout)), 0);
    }

    /** Height push, extra-nonce push, tag push. */
    public static Script scriptSig(long height, byte[] extraNonce) {
        if (extraNonce.length > MAX_EXTRA_NONCE) {
            throw new IllegalArgumentException("extra nonce of " + extraNonce.length + " bytes; at most " + MAX_EXTRA_NONCE);
        }
        return new ScriptBuilder().raw(CoinbaseHeight.prefix(height)).data(extraNonce)
                .data(TAG.getBytes(StandardCharsets.US_ASCII)).build();
    }
}
