package io.flint.chain;

import io.flint.chain.store.AddressIndexKeys;
import io.flint.core.Block;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxOut;
import io.flint.core.consensus.BlockInputRules;
import io.flint.core.consensus.Coin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Applies a validated block to a UTXO set and takes it off again with its undo data; also lists
 * the address-history rows a block adds. The same code serves connecting, disconnecting and the
 * verifier's replay, so they cannot disagree on what a block changes.
 */
final class BlockApplier {
    private BlockApplier() {}

    /**
     * Spends the block's inputs and adds its spendable outputs; returns the spent coins in block
     * order (the undo data).
     *
     * @throws IllegalStateException if an input is missing: the block was not validated against this set
     */
    static List<Coin> connect(Block block, CoinStore coins) {
        List<Coin> undo = new ArrayList<>();
        long height = block.height();
        for (Transaction tx : block.transactions()) {
            boolean coinbase = tx.isCoinbase();
            if (!coinbase) {
                for (var in : tx.inputs()) {
                    Coin spent = coins.coin(in.prevout()).orElseThrow(() -> new IllegalStateException(
                            "connecting " + block.hash() + ": input " + in.prevout() + " is not in the UTXO set"));
                    undo.add(spent);
                    coins.remove(in.prevout());
                }
            }
            for (int o = 0; o < tx.outputs().size(); o++) {
                TxOut out = tx.output(o);
                if (!BlockInputRules.isUnspendable(out)) {
                    coins.put(new OutPoint(tx.txid(), o), new Coin(out, height, coinbase));
                }
            }
        }
        return undo;
    }

    /** Undoes {@link #connect}: removes the block's outputs and restores the coins it spent. */
    static void disconnect(Block block, List<Coin> undo, CoinStore coins) {
        int next = undo.size();
        List<Transaction> txs = block.transactions();
        for (int t = txs.size() - 1; t >= 0; t--) {
            Transaction tx = txs.get(t);
            for (int o = 0; o < tx.outputs().size(); o++) {
                if (!BlockInputRules.isUnspendable(tx.output(o))) {
                    coins.remove(new OutPoint(tx.txid(), o));
                }
            }
            if (!tx.isCoinbase()) {
                for (int i = tx.inputs().size() - 1; i >= 0; i--) {
                    next--;
                    if (next < 0) {
                        throw new IllegalStateException("undo data of " + block.hash() + " has too few coins");
                    }
                    coins.put(tx.input(i).prevout(), undo.get(next));
                }
            }
        }
        if (next != 0) {
            throw new IllegalStateException("undo data of " + block.hash() + " has " + next + " coins too many");
        }
    }

    /** The address-history rows of a block (key -> role bits), given the coins it spent in block order. */
    static NavigableMap<byte[], Integer> historyRows(Block block, List<Coin> undo) {
        NavigableMap<byte[], Integer> rows = new TreeMap<>(Arrays::compareUnsigned);
        long height = block.height();
        int next = 0;
        for (Transaction tx : block.transactions()) {
            if (!tx.isCoinbase()) {
                for (int i = 0; i < tx.inputs().size(); i++) {
                    Coin spent = undo.get(next++);
                    AddressIndexKeys.hash160Of(spent.output().scriptPubKey()).ifPresent(h ->
                            rows.merge(AddressIndexKeys.historyKey(h, height, tx.txid()), AddressIndexKeys.SPENT,
                                    (a, b) -> a | b));
                }
            }
            for (TxOut out : tx.outputs()) {
                AddressIndexKeys.hash160Of(out.scriptPubKey()).ifPresent(h ->
                        rows.merge(AddressIndexKeys.historyKey(h, height, tx.txid()), AddressIndexKeys.RECEIVED,
                                (a, b) -> a | b));
            }
        }
        return rows;
    }
}
