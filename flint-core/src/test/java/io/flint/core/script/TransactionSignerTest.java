package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.Amount;
import io.flint.core.CheckTransaction;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.crypto.DerSignature;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transactions signed by Flint verify under Flint's consensus flags: P2PKH and P2PK, several
 * inputs, every hash type, compressed and uncompressed keys, signed with one engine and checked
 * with every available engine.
 */
class TransactionSignerTest {
    private static final SigHashType[] TYPES = {SigHashType.ALL, SigHashType.NONE, SigHashType.SINGLE,
        SigHashType.ALL_ANYONECANPAY, SigHashType.NONE_ANYONECANPAY, SigHashType.SINGLE_ANYONECANPAY};

    static List<Secp256k1> engines() {
        return Keys.engines();
    }

    private static Transaction unsigned(int inputs) {
        List<TxIn> in = new ArrayList<>();
        List<TxOut> out = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            in.add(TxIn.unsigned(new OutPoint(Hash.twice(new byte[] {(byte) i}), i)));
            out.add(new TxOut(Amount.ofCoins(i + 1), StandardScripts.p2pkh(new byte[20])));
        }
        return new Transaction(1, in, out, 0);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void p2pkhInputsWithEveryHashTypeVerifyUnderStandardFlags(Secp256k1 signingEngine) {
        Transaction tx = unsigned(TYPES.length);
        List<PrivateKey> keys = new ArrayList<>();
        List<Script> prevScripts = new ArrayList<>();
        TransactionSigner signer = new TransactionSigner(signingEngine);
        for (int i = 0; i < TYPES.length; i++) {
            PrivateKey k = Keys.key(0x31 + i, i % 2 == 0);
            keys.add(k);
            prevScripts.add(StandardScripts.p2pkhForKey(k.publicKey(signingEngine).bytes()));
        }
        for (int i = 0; i < TYPES.length; i++) {
            tx = signer.signP2pkh(tx, i, prevScripts.get(i), keys.get(i), TYPES[i]);
        }
        assertThat(CheckTransaction.check(tx, NetworkParams.DEMO)).isEmpty();
        for (Secp256k1 verifier : Keys.engines()) {
            for (int i = 0; i < TYPES.length; i++) {
                ScriptResult r = ScriptInterpreter.verifyInput(tx, i, prevScripts.get(i), ScriptFlag.STANDARD, verifier);
                assertThat(r.isOk()).as("input %d (%s) signed by %s, verified by %s: %s", i, TYPES[i],
                        signingEngine.name(), verifier.name(), r).isTrue();
                byte[] sig = tx.input(i).scriptSig().ops().get(0).data();
                assertThat(sig[sig.length - 1]).isEqualTo((byte) TYPES[i].value());
                byte[] der = Arrays.copyOf(sig, sig.length - 1);
                assertThat(DerSignature.isStrictDer(der)).isTrue();
                assertThat(DerSignature.isLowS(der)).isTrue();
            }
        }
        // a signed transaction survives serialization byte for byte
        assertThat(Transaction.parse(tx.serialize())).isEqualTo(tx);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void hashTypesCommitToWhatTheyPromise(Secp256k1 engine) {
        TransactionSigner signer = new TransactionSigner(engine);
        PrivateKey k = Keys.key(0x42, true);
        Script prev = StandardScripts.p2pkhForKey(k.publicKey(engine).bytes());
        Transaction tx = unsigned(3);
        tx = signer.signP2pkh(tx, 0, prev, k, SigHashType.ALL);
        tx = signer.signP2pkh(tx, 1, prev, k, SigHashType.NONE);
        tx = signer.signP2pkh(tx, 2, prev, k, SigHashType.SINGLE);

        // another output value: ALL breaks, NONE holds, SINGLE holds unless its own output changed
        List<TxOut> outs = new ArrayList<>(tx.outputs());
        outs.set(0, new TxOut(Amount.ofCoins(9), outs.get(0).scriptPubKey()));
        Transaction changed = new Transaction(tx.version(), tx.inputs(), outs, tx.lockTime());
        assertThat(ok(changed, 0, prev, engine)).isFalse();
        assertThat(ok(changed, 1, prev, engine)).isTrue();
        assertThat(ok(changed, 2, prev, engine)).isTrue();
        outs.set(2, new TxOut(Amount.ofCoins(9), outs.get(2).scriptPubKey()));
        Transaction changedOwn = new Transaction(tx.version(), tx.inputs(), outs, tx.lockTime());
        assertThat(ok(changedOwn, 2, prev, engine)).isFalse();

        // re-signing another input (its scriptSig) never invalidates the others
        Transaction resigned = signer.signP2pkh(tx, 1, prev, k, SigHashType.ALL);
        assertThat(ok(resigned, 0, prev, engine)).isTrue();
        assertThat(ok(resigned, 2, prev, engine)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anyoneCanPayAllowsAddingInputs(Secp256k1 engine) {
        TransactionSigner signer = new TransactionSigner(engine);
        PrivateKey k = Keys.key(0x43, true);
        Script prev = StandardScripts.p2pkhForKey(k.publicKey(engine).bytes());
        Transaction one = signer.signP2pkh(unsigned(1), 0, prev, k, SigHashType.ALL_ANYONECANPAY);
        List<TxIn> more = new ArrayList<>(one.inputs());
        more.add(TxIn.unsigned(new OutPoint(Hash.twice(new byte[] {9}), 0)));
        Transaction two = new Transaction(one.version(), more, one.outputs(), one.lockTime());
        assertThat(ok(two, 0, prev, engine)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void p2pkInputsVerify(Secp256k1 engine) {
        TransactionSigner signer = new TransactionSigner(engine);
        PrivateKey compressed = Keys.key(0x51, true);
        PrivateKey uncompressed = Keys.key(0x52, false);
        Script prev0 = StandardScripts.p2pk(compressed.publicKey(engine).bytes());
        Script prev1 = StandardScripts.p2pk(uncompressed.publicKey(engine).bytes());
        Transaction tx = signer.signP2pk(unsigned(2), 0, prev0, compressed, SigHashType.ALL);
        tx = signer.signP2pk(tx, 1, prev1, uncompressed, SigHashType.SINGLE_ANYONECANPAY);
        assertThat(ok(tx, 0, prev0, engine)).isTrue();
        assertThat(ok(tx, 1, prev1, engine)).isTrue();
        assertThat(ok(tx, 0, prev1, engine)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void refusesToSignForAnotherKeysOutput(Secp256k1 engine) {
        TransactionSigner signer = new TransactionSigner(engine);
        PrivateKey k = Keys.key(0x61, true);
        Script other = StandardScripts.p2pkhForKey(Keys.key(0x62, true).publicKey(engine).bytes());
        assertThatThrownBy(() -> signer.signP2pkh(unsigned(1), 0, other, k, SigHashType.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pays to key hash");
        assertThatThrownBy(() -> signer.signP2pk(unsigned(1), 0, other, k, SigHashType.ALL))
                .hasMessageContaining("not P2PK");
        // the uncompressed key has another hash than the compressed one
        Script compressedOutput = StandardScripts.p2pkhForKey(k.publicKey(engine).bytes());
        PrivateKey sameSecretUncompressed = PrivateKey.of(k.bytes(), false);
        assertThatThrownBy(() -> signer.signP2pkh(unsigned(1), 0, compressedOutput, sameSecretUncompressed,
                SigHashType.ALL)).hasMessageContaining("this key hashes to");
    }

    private static boolean ok(Transaction tx, int input, Script prev, Secp256k1 engine) {
        return ScriptInterpreter.verifyInput(tx, input, prev, ScriptFlag.STANDARD, engine).isOk();
    }
}
