package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.script.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckTransactionTest {
    private static final int MAX_TX = NetworkParams.DEMO.maxTxSize();
    private static final TxIn SPEND = TxIn.unsigned(new OutPoint(Hash.fromDisplayHex("aa".repeat(32)), 0));
    private static final TxOut PAY = new TxOut(Amount.ofCoins(1), Script.EMPTY);

    private static Optional<Rejection> check(List<TxIn> in, List<TxOut> out) {
        return CheckTransaction.check(new Transaction(1, in, out, 0), MAX_TX);
    }

    private static RejectReason reason(List<TxIn> in, List<TxOut> out) {
        return check(in, out).orElseThrow(() -> new AssertionError("accepted")).reason();
    }

    @Test
    void acceptsAWellFormedTransaction() {
        assertThat(check(List.of(SPEND), List.of(PAY))).isEmpty();
        assertThat(check(List.of(SPEND), List.of(new TxOut(Amount.MAX_MONEY, Script.EMPTY)))).isEmpty();
    }

    @Test
    void rejectsNoInputsAndNoOutputs() {
        assertThat(reason(List.of(), List.of(PAY))).isEqualTo(RejectReason.TX_NO_INPUTS);
        assertThat(reason(List.of(SPEND), List.of())).isEqualTo(RejectReason.TX_NO_OUTPUTS);
    }

    @Test
    void rejectsOversize() {
        TxIn big = SPEND.withScriptSig(Script.of(new byte[MAX_TX]));
        Rejection r = check(List.of(big), List.of(PAY)).orElseThrow();
        assertThat(r.reason()).isEqualTo(RejectReason.TX_OVERSIZE);
        assertThat(r.message()).startsWith("bad-txns-oversize: ").contains("limit 100000");
    }

    @Test
    void rejectsOutputValuesOutOfRange() {
        Rejection negative = check(List.of(SPEND), List.of(PAY, new TxOut(-1, Script.EMPTY))).orElseThrow();
        assertThat(negative.reason()).isEqualTo(RejectReason.TX_OUTPUT_NEGATIVE);
        assertThat(negative.code()).isEqualTo("bad-txns-vout-negative");
        assertThat(negative.message()).isEqualTo("bad-txns-vout-negative: an output has a negative value (output 1 has -1 units)");
        assertThat(reason(List.of(SPEND), List.of(new TxOut(Amount.MAX_MONEY_UNITS + 1, Script.EMPTY))))
                .isEqualTo(RejectReason.TX_OUTPUT_TOO_LARGE);
        assertThat(reason(List.of(SPEND), List.of(new TxOut(Amount.MAX_MONEY, Script.EMPTY), PAY)))
                .isEqualTo(RejectReason.TX_OUTPUT_TOTAL_TOO_LARGE);
    }

    @Test
    void totalCannotWrapAround() {
        // many MAX_MONEY outputs: the running total is checked after each one, so it never overflows
        List<TxOut> outs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            outs.add(new TxOut(Amount.MAX_MONEY, Script.EMPTY));
        }
        assertThat(reason(List.of(SPEND), outs)).isEqualTo(RejectReason.TX_OUTPUT_TOTAL_TOO_LARGE);
    }

    @Test
    void rejectsDuplicateInputs() {
        Rejection r = check(List.of(SPEND, SPEND.withScriptSig(Script.of(new byte[] {1}))), List.of(PAY)).orElseThrow();
        assertThat(r.reason()).isEqualTo(RejectReason.TX_DUPLICATE_INPUTS);
        assertThat(r.detail()).isEqualTo("input 1 spends " + SPEND.prevout() + " again");
    }

    @Test
    void coinbaseScriptSigMustBeTwoToOneHundredBytes() {
        for (int n : new int[] {0, 1, 101}) {
            TxIn cb = new TxIn(OutPoint.NULL, Script.of(new byte[n]), TxIn.SEQUENCE_FINAL);
            assertThat(reason(List.of(cb), List.of(PAY))).as("%d bytes", n).isEqualTo(RejectReason.TX_COINBASE_SCRIPT_SIZE);
        }
        for (int n : new int[] {2, 100}) {
            TxIn cb = new TxIn(OutPoint.NULL, Script.of(new byte[n]), TxIn.SEQUENCE_FINAL);
            assertThat(check(List.of(cb), List.of(PAY))).as("%d bytes", n).isEmpty();
        }
    }

    @Test
    void nullPrevoutOutsideACoinbaseIsRejected() {
        TxIn nullIn = TxIn.unsigned(OutPoint.NULL);
        Rejection r = check(List.of(SPEND, nullIn), List.of(PAY)).orElseThrow();
        assertThat(r.reason()).isEqualTo(RejectReason.TX_NULL_PREVOUT);
        assertThat(r.detail()).isEqualTo("input 1");
    }

    @Test
    void everyReasonHasACodeAndASentence() {
        for (RejectReason r : RejectReason.values()) {
            // Bitcoin's codes: mostly hyphenated, but its pool policy also says "dust", "coinbase", "mempool full"
            assertThat(r.code()).matches("[a-z]+([- ][a-z]+)*");
            assertThat(r.description()).isNotBlank();
        }
    }
}
