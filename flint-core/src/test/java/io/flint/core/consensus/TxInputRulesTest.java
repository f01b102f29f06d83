package io.flint.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.RejectReason;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.script.Script;
import io.flint.core.script.SigHashType;
import io.flint.core.script.StandardScripts;
import io.flint.core.script.TransactionSigner;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1Engines;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contextual transaction rules on a UTXO view made for each case. */
class TxInputRulesTest {
    static final NetworkParams P = NetworkParams.REGTEST;
    static final PrivateKey KEY = key(5);
    static final Script SCRIPT = StandardScripts.p2pkhForKey(KEY.publicKey().bytes());

    final Map<OutPoint, Coin> utxos = new HashMap<>();
    final UtxoLookup view = op -> Optional.ofNullable(utxos.get(op));

    static PrivateKey key(int fill) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) fill);
        return PrivateKey.of(s, true);
    }

    static OutPoint op(int n) {
        return new OutPoint(Hash.twice(new byte[] {(byte) n}), 0);
    }

    OutPoint coin(int n, long units, long height, boolean coinbase) {
        utxos.put(op(n), new Coin(new TxOut(units, SCRIPT), height, coinbase));
        return op(n);
    }

    static Transaction spending(long outUnits, OutPoint... inputs) {
        return new Transaction(1, Arrays.stream(inputs).map(TxIn::unsigned).toList(),
                List.of(new TxOut(outUnits, SCRIPT)), 0);
    }

    @Test
    void passesTheSpentCoinsAndTheFee() {
        OutPoint a = coin(1, 300, 5, false);
        OutPoint b = coin(2, 200, 6, false);
        Checked<SpentInputs> r = TxInputRules.check(spending(450, a, b), view, 20, P);
        assertThat(r.isPassed()).isTrue();
        assertThat(r.value().coins()).containsExactly(utxos.get(a), utxos.get(b));
        assertThat(r.value().fee()).isEqualTo(Amount.ofUnits(50));
        assertThatThrownBy(r::rejection).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingInputIsNamed() {
        OutPoint a = coin(1, 300, 5, false);
        Checked<SpentInputs> r = TxInputRules.check(spending(100, a, op(9)), view, 20, P);
        assertThat(r.rejection().reason()).isEqualTo(RejectReason.TX_MISSING_INPUTS);
        assertThat(r.rejection().detail()).contains("input 1");
        assertThatThrownBy(r::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("missingorspent");
    }

    @Test
    void coinbaseOutputsMatureAfterTheConfiguredDepth() {
        OutPoint cb = coin(1, 300, 10, true);
        assertThat(TxInputRules.check(spending(100, cb), view, 19, P).rejection().reason())
                .isEqualTo(RejectReason.TX_PREMATURE_COINBASE_SPEND);
        assertThat(TxInputRules.check(spending(100, cb), view, 20, P).isPassed()).isTrue();
        // an ordinary output is spendable at once, even in the pool
        OutPoint plain = coin(2, 300, Coin.MEMPOOL_HEIGHT, false);
        assertThat(TxInputRules.check(spending(100, plain), view, Coin.MEMPOOL_HEIGHT, P).isPassed()).isTrue();
    }

    @Test
    void inputValuesMustStayInTheMoneyRange() {
        OutPoint a = coin(1, Amount.MAX_MONEY_UNITS, 1, false);
        OutPoint b = coin(2, 1, 1, false);
        assertThat(TxInputRules.check(spending(1, a, b), view, 20, P).rejection().reason())
                .isEqualTo(RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE);
        OutPoint negative = coin(3, -1, 1, false);
        assertThat(TxInputRules.check(spending(0, negative), view, 20, P).rejection().reason())
                .isEqualTo(RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE);
    }

    @Test
    void inputsMustCoverTheOutputs() {
        OutPoint a = coin(1, 300, 1, false);
        assertThat(TxInputRules.check(spending(301, a), view, 20, P).rejection().reason())
                .isEqualTo(RejectReason.TX_INPUTS_BELOW_OUTPUTS);
        assertThat(TxInputRules.check(spending(300, a), view, 20, P).value().fee()).isEqualTo(Amount.ZERO);
    }

    @Test
    void scriptsVerifyAgainstTheSpentCoin() {
        OutPoint a = coin(1, 300, 1, false);
        TransactionSigner signer = new TransactionSigner(Secp256k1Engines.best());
        Transaction signed = signer.signP2pkh(spending(250, a), 0, SCRIPT, KEY, SigHashType.ALL);
        assertThat(TxInputRules.verifyScript(signed, 0, utxos.get(a), Secp256k1Engines.best())).isEmpty();
        Coin other = new Coin(new TxOut(300, StandardScripts.p2pkhForKey(key(6).publicKey().bytes())), 1, false);
        assertThat(TxInputRules.verifyScript(signed, 0, other, Secp256k1Engines.best()))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(RejectReason.TX_SCRIPT_FAILED));
    }

    @Test
    void finalityByHeightTimeAndSequence() {
        Transaction byHeight = new Transaction(1, List.of(new TxIn(op(1), Script.EMPTY, 0)),
                List.of(new TxOut(1, SCRIPT)), 100);
        assertThat(TxInputRules.isFinal(byHeight, 100, 0)).isFalse();
        assertThat(TxInputRules.isFinal(byHeight, 101, 0)).isTrue();
        long time = TxInputRules.LOCKTIME_THRESHOLD + 1000;
        Transaction byTime = new Transaction(1, List.of(new TxIn(op(1), Script.EMPTY, 0)),
                List.of(new TxOut(1, SCRIPT)), time);
        assertThat(TxInputRules.isFinal(byTime, 1_000_000, time)).isFalse();
        assertThat(TxInputRules.isFinal(byTime, 1, time + 1)).isTrue();
        Transaction allFinal = new Transaction(1, List.of(TxIn.unsigned(op(1))), List.of(new TxOut(1, SCRIPT)), time);
        assertThat(TxInputRules.isFinal(allFinal, 1, 0)).isTrue();
        assertThat(TxInputRules.isFinal(spending(1, op(1)), 0, 0)).isTrue();
    }

    @Test
    void aCoinNeedsItsOutputAndANonNegativeHeight() {
        assertThatThrownBy(() -> new Coin(null, 1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Coin(new TxOut(1, SCRIPT), -1, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
