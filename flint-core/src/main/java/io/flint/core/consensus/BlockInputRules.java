package io.flint.core.consensus;

import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.RejectReason;
import io.flint.core.Rejection;
import io.flint.core.Transaction;
import io.flint.core.TxOut;
import io.flint.core.script.Opcode;
import io.flint.core.script.ScriptInterpreter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a block against the unspent outputs of its branch (Bitcoin's ConnectBlock without
 * the scripts): transactions in order, each may spend outputs of earlier ones in the block; no
 * output is spent twice; every transaction passes {@link TxInputRules}; the coinbase pays at most
 * subsidy plus fees. The script checks are returned, not run, so the caller can run them in
 * parallel ({@link ScriptCheck}).
 */
public final class BlockInputRules {
    private BlockInputRules() {}

    /** {@code view} is the UTXO set of the branch ending at the block's parent. */
    public static Checked<BlockSpends> check(Block block, UtxoLookup view, NetworkParams params) {
        long height = block.height();
        Map<OutPoint, Coin> created = new HashMap<>();
        Set<OutPoint> spent = new HashSet<>();
        UtxoLookup branch = op -> {
            if (spent.contains(op)) {
                return Optional.empty();
            }
            Coin c = created.get(op);
            return c != null ? Optional.of(c) : view.coin(op);
        };
        List<Transaction> txs = block.transactions();
        List<List<Coin>> spentByTx = new ArrayList<>(txs.size());
        List<ScriptCheck> checks = new ArrayList<>();
        long fees = 0;
        for (int t = 0; t < txs.size(); t++) {
            Transaction tx = txs.get(t);
            if (tx.isCoinbase()) {
                spentByTx.add(List.of());
            } else {
                for (int i = 0; i < tx.inputs().size(); i++) {
                    OutPoint prevout = tx.input(i).prevout();
                    if (spent.contains(prevout)) {
                        return Checked.failed(BlockRules.inTransaction(new Rejection(
                                RejectReason.TX_DOUBLE_SPEND_IN_BLOCK, "input " + i + " spends " + prevout), t, tx));
                    }
                }
                Checked<SpentInputs> inputs = TxInputRules.check(tx, branch, height, params);
                if (!inputs.isPassed()) {
                    return Checked.failed(BlockRules.inTransaction(inputs.rejection(), t, tx));
                }
                SpentInputs s = inputs.value();
                fees += s.fee().units();
                if (!Amount.inMoneyRange(fees)) {
                    return Checked.failed(BlockRules.inTransaction(new Rejection(
                            RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE, "the block's fees exceed the money supply"), t, tx));
                }
                for (int i = 0; i < tx.inputs().size(); i++) {
                    spent.add(tx.input(i).prevout());
                    checks.add(new ScriptCheck(t, tx, i, s.coins().get(i)));
                }
                spentByTx.add(s.coins());
            }
            for (int o = 0; o < tx.outputs().size(); o++) {
                TxOut out = tx.output(o);
                if (!isUnspendable(out)) {
                    created.put(new OutPoint(tx.txid(), o), new Coin(out, height, tx.isCoinbase()));
                }
            }
        }
        long allowed = params.subsidyAt(height).units() + fees;
        long paid = 0;
        for (TxOut out : txs.get(0).outputs()) {
            paid += out.value();
        }
        if (paid > allowed) {
            return Checked.failed(RejectReason.COINBASE_AMOUNT, "pays " + Amount.ofUnits(paid).toCoinString()
                    + ", subsidy " + params.subsidyAt(height).toCoinString() + " + fees " + Amount.ofUnits(fees).toCoinString());
        }
        return Checked.passed(new BlockSpends(spentByTx, Amount.ofUnits(fees), checks));
    }

    /**
     * An output that can never be spent (its script starts with OP_RETURN, or it is longer than a script may be) never enters the UTXO
     * set, as in Bitcoin Core; the genesis coinbase pays to one.
     */
    public static boolean isUnspendable(TxOut out) {
        byte[] script = out.scriptPubKey().program();
        return (script.length > 0 && (script[0] & 0xff) == Opcode.OP_RETURN)
                || script.length > ScriptInterpreter.MAX_SCRIPT_SIZE;
    }
}
