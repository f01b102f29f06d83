package io.flint.mining;

import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.MerkleTree;
import io.flint.core.Transaction;
import io.flint.core.script.Script;
import java.util.ArrayList;
import java.util.List;

/**
 * A block ready to be mined but for its nonce: the header (nonce 0), the coinbase and the pool
 * transactions chosen for it, and the fees they pay. Variants for the miner's rolls keep the
 * transactions: {@link #withTimestamp} changes only the header's tail, {@link #withExtraNonce}
 * the coinbase and so the Merkle root.
 *
 * @param transactions the non-coinbase transactions, every parent before its children
 */
public record BlockTemplate(BlockHeader header, Transaction coinbase, List<Transaction> transactions, Amount fees) {
    public BlockTemplate {
        transactions = List.copyOf(transactions);
        if (!coinbase.isCoinbase()) {
            throw new IllegalArgumentException("the first transaction of a template must be a coinbase");
        }
    }

    public long height() {
        return header.height();
    }

    /** Where the reward goes. */
    public Script payout() {
        return coinbase.output(0).scriptPubKey();
    }

    /** Subsidy plus fees. */
    public Amount reward() {
        return coinbase.output(0).amount();
    }

    /** The coinbase first, then the pool transactions. */
    public List<Transaction> allTransactions() {
        List<Transaction> all = new ArrayList<>(transactions.size() + 1);
        all.add(coinbase);
        all.addAll(transactions);
        return all;
    }

    /** The block with this nonce. */
    public Block block(long nonce) {
        return new Block(header.withNonce(nonce), allTransactions());
    }

    public BlockTemplate withTimestamp(long timestamp) {
        BlockHeader h = new BlockHeader(header.version(), header.height(), header.prevHash(), header.merkleRoot(),
                timestamp, header.bits(), 0);
        return new BlockTemplate(h, coinbase, transactions, fees);
    }

    /** The same block with another extra nonce in the coinbase, hence another Merkle root. */
    public BlockTemplate withExtraNonce(byte[] extraNonce) {
        Transaction cb = Coinbase.create(header.height(), extraNonce, payout(), reward());
        List<Transaction> all = new ArrayList<>(transactions.size() + 1);
        all.add(cb);
        all.addAll(transactions);
        BlockHeader h = new BlockHeader(header.version(), header.height(), header.prevHash(),
                MerkleTree.rootOf(all).hash(), header.timestamp(), header.bits(), 0);
        return new BlockTemplate(h, cb, transactions, fees);
    }
}
