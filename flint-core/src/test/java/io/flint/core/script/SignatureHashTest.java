package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureHashTest {
    private static final Script CODE = StandardScripts.p2pkh(new byte[20]);

    private static Transaction tx(int inputs, int outputs) {
        TxIn[] in = new TxIn[inputs];
        for (int i = 0; i < inputs; i++) {
            in[i] = new TxIn(new OutPoint(Hash.twice(new byte[] {(byte) i}), i), Script.of(new byte[] {1}), 7);
        }
        TxOut[] out = new TxOut[outputs];
        for (int i = 0; i < outputs; i++) {
            out[i] = new TxOut(1000 + i, CODE);
        }
        return new Transaction(2, List.of(in), List.of(out), 99);
    }

    @Test
    void singleWithoutAMatchingOutputSignsTheNumberOne() {
        Transaction t = tx(3, 1);
        assertThat(SignatureHash.legacy(t, 2, CODE, SigHashType.SINGLE.value())).isEqualTo(SignatureHash.ONE);
        assertThat(SignatureHash.legacy(t, 1, CODE, SigHashType.SINGLE_ANYONECANPAY.value())).isEqualTo(SignatureHash.ONE);
        assertThat(SignatureHash.ONE.toString()).isEqualTo("00".repeat(31) + "01");
        assertThat(SignatureHash.legacy(t, 0, CODE, SigHashType.SINGLE.value())).isNotEqualTo(SignatureHash.ONE);
        assertThat(SignatureHash.legacy(t, 5, CODE, SigHashType.ALL.value())).isEqualTo(SignatureHash.ONE);
    }

    @Test
    void undefinedTypesHashLikeAllButWithTheirOwnTypeAppended() {
        Transaction t = tx(2, 2);
        Hash all = SignatureHash.legacy(t, 0, CODE, 1);
        Hash zero = SignatureHash.legacy(t, 0, CODE, 0);
        Hash four = SignatureHash.legacy(t, 0, CODE, 4);
        assertThat(zero).isNotEqualTo(all);
        assertThat(four).isNotEqualTo(all).isNotEqualTo(zero);
        // 0x21 has base 1 (ALL) and another appended value: only the appended bytes differ
        assertThat(SignatureHash.legacy(t, 0, CODE, 0x21)).isNotEqualTo(all);
    }

    @Test
    void codeSeparatorsAreRemovedFromTheHashedScriptCode() {
        Transaction t = tx(1, 1);
        Script withSeparators = new ScriptBuilder().op(Opcode.OP_CODESEPARATOR).raw(CODE.program())
                .op(Opcode.OP_CODESEPARATOR).build();
        assertThat(SignatureHash.legacy(t, 0, withSeparators, 1)).isEqualTo(SignatureHash.legacy(t, 0, CODE, 1));
        // a 0xab inside push data is data, not a separator
        Script pushOfAb = new ScriptBuilder().data(new byte[] {(byte) 0xab}).build();
        Script pushOfNothing = new ScriptBuilder().data(new byte[0]).build();
        assertThat(SignatureHash.legacy(t, 0, pushOfAb, 1)).isNotEqualTo(SignatureHash.legacy(t, 0, pushOfNothing, 1));
    }

    @Test
    void otherInputsScriptsDoNotMatter() {
        Transaction t = tx(2, 2);
        Transaction other = t.withScriptSig(1, Script.of(new byte[] {5, 6, 7}));
        for (SigHashType type : SigHashType.values()) {
            assertThat(SignatureHash.legacy(other, 0, CODE, type.value()))
                    .isEqualTo(SignatureHash.legacy(t, 0, CODE, type.value()));
        }
    }

    @Test
    void noneAndSingleIgnoreOtherInputsSequences() {
        Transaction t = tx(2, 2);
        TxIn in1 = t.input(1);
        Transaction seq = t.withInput(1, new TxIn(in1.prevout(), in1.scriptSig(), 12345));
        assertThat(SignatureHash.legacy(seq, 0, CODE, SigHashType.NONE.value()))
                .isEqualTo(SignatureHash.legacy(t, 0, CODE, SigHashType.NONE.value()));
        assertThat(SignatureHash.legacy(seq, 0, CODE, SigHashType.SINGLE.value()))
                .isEqualTo(SignatureHash.legacy(t, 0, CODE, SigHashType.SINGLE.value()));
        assertThat(SignatureHash.legacy(seq, 0, CODE, SigHashType.ALL.value()))
                .isNotEqualTo(SignatureHash.legacy(t, 0, CODE, SigHashType.ALL.value()));
    }
}
