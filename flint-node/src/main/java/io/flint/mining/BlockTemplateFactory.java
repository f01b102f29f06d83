package io.flint.mining;

import io.flint.chain.ChainTip;
import io.flint.chain.ChainView;
import io.flint.core.Amount;
import io.flint.core.BlockHeader;
import io.flint.core.MerkleTree;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.core.script.Script;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the next block to mine on the current tip: height tip + 1, the tip's hash as parent,
 * the bits the chain expects next, a timestamp of now but past the median time past, pool
 * transactions chosen by ancestor fee rate, and a coinbase paying subsidy plus fees. Safe to
 * call from a miner thread: it reads the chain through {@link ChainView} and the pool through a
 * snapshot.
 */
public final class BlockTemplateFactory {
    /** The block version Flint mines. */
    public static final int BLOCK_VERSION = 1;
    /**
     * Bytes kept free of pool transactions for the header, the transaction count and the
     * coinbase (at most about 260 bytes with a {@link #MAX_PAYOUT_SCRIPT}-byte payout script).
     */
    public static final int COINBASE_RESERVE = 1000;
    /** The longest payout script accepted; P2PKH is 25 bytes. */
    public static final int MAX_PAYOUT_SCRIPT = 100;

    private final ChainView chain;
    private final Mempool mempool;
    private final Clock clock;

    public BlockTemplateFactory(ChainView chain, Mempool mempool, Clock clock) {
        this.chain = chain;
        this.mempool = mempool;
        this.clock = clock;
    }

    /**
     * A template on the current tip paying to {@code payout}.
     *
     * @param extraNonce bytes for the coinbase scriptSig (at most {@link Coinbase#MAX_EXTRA_NONCE})
     * @throws IllegalArgumentException if the payout script is longer than {@link #MAX_PAYOUT_SCRIPT}
     *     or the extra nonce too long
     */
    public BlockTemplate create(Script payout, byte[] extraNonce) {
        if (payout.size() > MAX_PAYOUT_SCRIPT) {
            throw new IllegalArgumentException("payout script of " + payout.size() + " bytes; at most " + MAX_PAYOUT_SCRIPT);
        }
        NetworkParams params = chain.params();
        ChainTip tip = chain.tip();
        long height = tip.height() + 1;
        long timestamp = Math.max(tip.medianTimePast() + 1, clock.instant().getEpochSecond());
        List<MempoolEntry> chosen = TransactionSelector.select(mempool.entries(), chain.utxos(), height,
                tip.medianTimePast(), params, params.maxBlockSize() - COINBASE_RESERVE);
        List<Transaction> txs = new ArrayList<>(chosen.size());
        Amount fees = Amount.ZERO;
        for (MempoolEntry e : chosen) {
            txs.add(e.tx());
            fees = fees.add(e.fee());
        }
        Transaction coinbase = Coinbase.create(height, extraNonce, payout, params.subsidyAt(height).add(fees));
        List<Transaction> all = new ArrayList<>(txs.size() + 1);
        all.add(coinbase);
        all.addAll(txs);
        BlockHeader header = new BlockHeader(BLOCK_VERSION, height, tip.hash(), MerkleTree.rootOf(all).hash(), timestamp,
                tip.nextBits(), 0);
        return new BlockTemplate(header, coinbase, txs, fees);
    }
}
