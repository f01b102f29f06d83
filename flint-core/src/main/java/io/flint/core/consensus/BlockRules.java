package io.flint.core.consensus;

import io.flint.core.Block;
import io.flint.core.CheckTransaction;
import io.flint.core.MerkleTree;
import io.flint.core.NetworkParams;
import io.flint.core.RejectReason;
import io.flint.core.Rejection;
import io.flint.core.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a block's body: first those it must meet on its own (Bitcoin's CheckBlock), then
 * those that need its height and its parent's median time past (ContextualCheckBlock). The rules
 * that need the unspent outputs are {@link BlockInputRules}.
 */
public final class BlockRules {
    private BlockRules() {}

    /**
     * Context-free, in Bitcoin's order: Merkle root, no duplicate-pair mutation, size, coinbase
     * first and only first, and {@link CheckTransaction} for every transaction.
     */
    public static Optional<Rejection> checkBlock(Block block, NetworkParams params) {
        List<Transaction> txs = block.transactions();
        MerkleTree.Root root = block.computeMerkleRoot();
        if (!root.hash().equals(block.header().merkleRoot())) {
            return reject(RejectReason.BAD_MERKLE_ROOT, "header " + block.header().merkleRoot() + ", computed " + root.hash());
        }
        if (root.mutated()) {
            return reject(RejectReason.DUPLICATE_TXIDS, "the transaction list repeats an identical pair of hashes");
        }
        if (txs.isEmpty() || block.size() > params.maxBlockSize()) {
            return reject(RejectReason.BAD_BLOCK_LENGTH,
                    txs.size() + " transactions, " + block.size() + " bytes, limit " + params.maxBlockSize());
        }
        if (!txs.get(0).isCoinbase()) {
            return reject(RejectReason.COINBASE_MISSING, "transaction 0 is " + txs.get(0).txid());
        }
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) {
                return reject(RejectReason.COINBASE_MULTIPLE, "transaction " + i);
            }
        }
        for (int i = 0; i < txs.size(); i++) {
            Optional<Rejection> bad = CheckTransaction.check(txs.get(i), params);
            if (bad.isPresent()) {
                return Optional.of(inTransaction(bad.get(), i, txs.get(i)));
            }
        }
        return Optional.empty();
    }

    /**
     * With the block's height (already checked against the parent by the header rules) and the
     * parent's median time past: the coinbase commits to the height (BIP 34) and every
     * transaction is final (BIP 113 lock-time cutoff).
     */
    public static Optional<Rejection> checkContextual(Block block, long parentMedianTimePast) {
        long height = block.height();
        for (int i = 0; i < block.transactions().size(); i++) {
            Transaction tx = block.transactions().get(i);
            if (!TxInputRules.isFinal(tx, height, parentMedianTimePast)) {
                return Optional.of(inTransaction(new Rejection(RejectReason.TX_NON_FINAL, "lock time " + tx.lockTime()
                        + " at height " + height + ", median time past " + parentMedianTimePast), i, tx));
            }
        }
        Transaction coinbase = block.transactions().get(0);
        if (!CoinbaseHeight.matches(coinbase.input(0).scriptSig(), height)) {
            return reject(RejectReason.COINBASE_HEIGHT, "height " + height + ", scriptSig " + coinbase.input(0).scriptSig().toHex());
        }
        return Optional.empty();
    }

    /** The rejection of transaction {@code index}, saying which one it was. */
    static Rejection inTransaction(Rejection r, int index, Transaction tx) {
        String where = "tx " + index + " " + tx.txid();
        return new Rejection(r.reason(), r.detail().isEmpty() ? where : where + ": " + r.detail());
    }

    private static Optional<Rejection> reject(RejectReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}
