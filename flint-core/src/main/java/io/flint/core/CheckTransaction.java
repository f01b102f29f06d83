package io.flint.core;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Bitcoin Core's {@code CheckTransaction}: the rules a transaction must satisfy on its own,
 * without the chain (no input lookups, no scripts). A pure function, in Bitcoin's order, so the
 * first failing rule is the one reported.
 */
public final class CheckTransaction {
    private CheckTransaction() {}

    /** Checks with the network's maximum transaction size. */
    public static Optional<Rejection> check(Transaction tx, NetworkParams params) {
        return check(tx, params.maxTxSize());
    }

    /** Empty when the transaction passes every context-free rule. */
    public static Optional<Rejection> check(Transaction tx, int maxTxSize) {
        if (tx.inputs().isEmpty()) {
            return reject(RejectReason.TX_NO_INPUTS, "");
        }
        if (tx.outputs().isEmpty()) {
            return reject(RejectReason.TX_NO_OUTPUTS, "");
        }
        if (tx.size() > maxTxSize) {
            return reject(RejectReason.TX_OVERSIZE, tx.size() + " bytes, limit " + maxTxSize);
        }
        long total = 0;
        for (int i = 0; i < tx.outputs().size(); i++) {
            long value = tx.output(i).value();
            if (value < 0) {
                return reject(RejectReason.TX_OUTPUT_NEGATIVE, "output " + i + " has " + value + " units");
            }
            if (value > Amount.MAX_MONEY_UNITS) {
                return reject(RejectReason.TX_OUTPUT_TOO_LARGE, "output " + i + " has " + value + " units");
            }
            // both are in [0, MAX_MONEY], so the sum cannot overflow a long
            total += value;
            if (!Amount.inMoneyRange(total)) {
                return reject(RejectReason.TX_OUTPUT_TOTAL_TOO_LARGE,
                        "outputs 0.." + i + " add up to " + total + " units");
            }
        }
        Set<OutPoint> spent = new HashSet<>();
        for (int i = 0; i < tx.inputs().size(); i++) {
            OutPoint prevout = tx.input(i).prevout();
            if (!spent.add(prevout)) {
                return reject(RejectReason.TX_DUPLICATE_INPUTS, "input " + i + " spends " + prevout + " again");
            }
        }
        if (tx.isCoinbase()) {
            int n = tx.input(0).scriptSig().size();
            if (n < 2 || n > 100) {
                return reject(RejectReason.TX_COINBASE_SCRIPT_SIZE, "it has " + n + " bytes");
            }
        } else {
            for (int i = 0; i < tx.inputs().size(); i++) {
                if (tx.input(i).prevout().isNull()) {
                    return reject(RejectReason.TX_NULL_PREVOUT, "input " + i);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(RejectReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}
