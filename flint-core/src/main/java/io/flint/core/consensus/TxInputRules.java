package io.flint.core.consensus;

import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.RejectReason;
import io.flint.core.Rejection;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.script.ScriptFlag;
import io.flint.core.script.ScriptInterpreter;
import io.flint.core.script.ScriptResult;
import io.flint.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules a non-coinbase transaction must meet against the outputs it spends (Bitcoin Core's
 * {@code Consensus::CheckTxInputs}), and the script check of each input. Pure functions; the
 * chain runs the script checks of a block in parallel, the pool one transaction at a time.
 */
public final class TxInputRules {
    /** Lock times below this are block heights, above it Unix times (Bitcoin's LOCKTIME_THRESHOLD). */
    public static final long LOCKTIME_THRESHOLD = 500_000_000L;

    private TxInputRules() {}

    /**
     * Every input exists and is unspent in {@code view}, coinbase outputs have matured by
     * {@code spendHeight} (the height of the block that would include the transaction), values
     * are in range and the inputs cover the outputs. Passes the spent coins and the fee.
     */
    public static Checked<SpentInputs> check(Transaction tx, UtxoLookup view, long spendHeight, NetworkParams params) {
        List<Coin> coins = new ArrayList<>(tx.inputs().size());
        long valueIn = 0;
        for (int i = 0; i < tx.inputs().size(); i++) {
            OutPoint prevout = tx.input(i).prevout();
            Optional<Coin> found = view.coin(prevout);
            if (found.isEmpty()) {
                return Checked.failed(RejectReason.TX_MISSING_INPUTS, "input " + i + " spends " + prevout);
            }
            Coin coin = found.get();
            if (coin.coinbase() && spendHeight - coin.height() < params.coinbaseMaturity()) {
                return Checked.failed(RejectReason.TX_PREMATURE_COINBASE_SPEND, "input " + i + " spends a coinbase of height "
                        + coin.height() + " at height " + spendHeight + "; it matures after "
                        + params.coinbaseMaturity() + " blocks");
            }
            long value = coin.output().value();
            valueIn += value;
            if (!Amount.inMoneyRange(value) || !Amount.inMoneyRange(valueIn)) {
                return Checked.failed(RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE, "after input " + i);
            }
            coins.add(coin);
        }
        // CheckTransaction already bounded every output and their total to MAX_MONEY
        long valueOut = 0;
        for (var out : tx.outputs()) {
            valueOut += out.value();
        }
        if (valueIn < valueOut) {
            return Checked.failed(RejectReason.TX_INPUTS_BELOW_OUTPUTS,
                    "inputs " + Amount.ofUnits(valueIn).toCoinString() + ", outputs " + Amount.ofUnits(valueOut).toCoinString());
        }
        return Checked.passed(new SpentInputs(coins, Amount.ofUnits(valueIn - valueOut)));
    }

    /** Verifies the script of input {@code index} against the coin it spends, under Flint's consensus flags. */
    public static Optional<Rejection> verifyScript(Transaction tx, int index, Coin spent, Secp256k1 engine) {
        ScriptResult result = ScriptInterpreter.verifyInput(tx, index, spent.output().scriptPubKey(), ScriptFlag.STANDARD,
                engine);
        if (result.isOk()) {
            return Optional.empty();
        }
        return Optional.of(new Rejection(RejectReason.TX_SCRIPT_FAILED,
                "input " + index + " of " + tx.txid() + ": " + result.message()));
    }

    /**
     * Bitcoin's IsFinalTx: a lock time of 0, or below the height (values under 500,000,000) or
     * time (above) it is compared with, or every input's sequence final. {@code lockTimeCutoff} is
     * the median time past of the previous block (BIP 113).
     */
    public static boolean isFinal(Transaction tx, long blockHeight, long lockTimeCutoff) {
        long lockTime = tx.lockTime();
        if (lockTime == 0) {
            return true;
        }
        long limit = lockTime < LOCKTIME_THRESHOLD ? blockHeight : lockTimeCutoff;
        if (lockTime < limit) {
            return true;
        }
        for (var in : tx.inputs()) {
            if (in.sequence() != TxIn.SEQUENCE_FINAL) {
                return false;
            }
        }
        return true;
    }
}
