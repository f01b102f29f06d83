package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScriptInterpreterTest {
    private static final Set<ScriptFlag> NONE = EnumSet.noneOf(ScriptFlag.class);
    private final Secp256k1 engine = Secp256k1Engines.best();
    private final PrivateKey key = Keys.key(0x11, true);
    private final byte[] pub = key.publicKey(engine).bytes();
    private final Transaction tx = new Transaction(1,
            List.of(TxIn.unsigned(new OutPoint(Hash.fromDisplayHex("ab".repeat(32)), 0))),
            List.of(new TxOut(1000, StandardScripts.p2pkhForKey(pub))), 0);

    private ScriptResult run(String scriptSig, String scriptPubKey, Set<ScriptFlag> flags) {
        return run(ScriptAsm.parse(scriptSig), ScriptAsm.parse(scriptPubKey), flags);
    }

    private ScriptResult run(Script scriptSig, Script scriptPubKey, Set<ScriptFlag> flags) {
        return ScriptInterpreter.verify(scriptSig, scriptPubKey, flags, new TransactionSignatureChecker(engine, tx, 0));
    }

    private ScriptError error(String scriptSig, String scriptPubKey) {
        return run(scriptSig, scriptPubKey, NONE).error();
    }

    @Test
    void truthOfTheFinalStack() {
        assertThat(error("", "1")).isEqualTo(ScriptError.OK);
        assertThat(error("", "-1")).isEqualTo(ScriptError.OK);
        assertThat(error("", "0")).isEqualTo(ScriptError.EVAL_FALSE);
        assertThat(error("", "")).isEqualTo(ScriptError.EVAL_FALSE);
        // "negative zero" is false, a zero byte followed by a sign-less byte is true
        assertThat(error("", "0x01 0x80")).isEqualTo(ScriptError.EVAL_FALSE);
        assertThat(error("", "0x02 0x0080")).isEqualTo(ScriptError.EVAL_FALSE);
        assertThat(error("", "0x02 0x8000")).isEqualTo(ScriptError.OK);
        assertThat(error("", "0x01 0x00")).isEqualTo(ScriptError.EVAL_FALSE);
    }

    @Test
    void stackOperations() {
        assertThat(error("'a'", "DUP EQUAL")).isEqualTo(ScriptError.OK);
        assertThat(error("'a' 'b'", "EQUALVERIFY 1")).isEqualTo(ScriptError.EQUALVERIFY);
        assertThat(error("'a' 'a'", "EQUALVERIFY 1")).isEqualTo(ScriptError.OK);
        assertThat(error("'a' 'b'", "EQUAL")).isEqualTo(ScriptError.EVAL_FALSE);
        assertThat(error("1 0", "DROP")).isEqualTo(ScriptError.OK);
        assertThat(error("", "DROP 1")).isEqualTo(ScriptError.INVALID_STACK_OPERATION);
        assertThat(error("", "DUP")).isEqualTo(ScriptError.INVALID_STACK_OPERATION);
        assertThat(error("1", "EQUAL")).isEqualTo(ScriptError.INVALID_STACK_OPERATION);
        assertThat(error("0", "VERIFY 1")).isEqualTo(ScriptError.VERIFY);
        assertThat(error("1", "VERIFY 1")).isEqualTo(ScriptError.OK);
        assertThat(error("", "VERIFY")).isEqualTo(ScriptError.INVALID_STACK_OPERATION);
        assertThat(error("1", "NOP NOP1 NOP10")).isEqualTo(ScriptError.OK);
        // HASH160 of the key equals the P2PKH commitment
        assertThat(run(new ScriptBuilder().data(pub).build(),
                new ScriptBuilder().op(Opcode.OP_HASH160).data(io.flint.crypto.Hash160.hash(pub)).op(Opcode.OP_EQUAL)
                        .build(), NONE).isOk()).isTrue();
    }

    @Test
    void returnDisabledInvalidAndUnsupportedOpcodesFailCleanly() {
        assertThat(error("1", "RETURN")).isEqualTo(ScriptError.OP_RETURN);
        ScriptResult add = run("1 1", "ADD", NONE);
        assertThat(add.error()).isEqualTo(ScriptError.UNSUPPORTED_OPCODE);
        assertThat(add.message()).contains("unsupported opcode OP_ADD at offset 0 of the scriptPubKey");
        assertThat(error("1", "CHECKLOCKTIMEVERIFY")).isEqualTo(ScriptError.UNSUPPORTED_OPCODE);
        assertThat(error("1", "IF 1 ENDIF")).isEqualTo(ScriptError.UNSUPPORTED_OPCODE);
        assertThat(error("1 1", "CAT")).isEqualTo(ScriptError.DISABLED_OPCODE);
        assertThat(error("1", "VER")).isEqualTo(ScriptError.BAD_OPCODE);
        assertThat(error("1", "0xba")).isEqualTo(ScriptError.BAD_OPCODE);
        assertThat(error("1", "0xff")).isEqualTo(ScriptError.BAD_OPCODE);
        ScriptResult truncated = run("1", "0x4c 0x05 0x0102", NONE);
        assertThat(truncated.error()).isEqualTo(ScriptError.BAD_OPCODE);
        assertThat(truncated.detail()).isEqualTo("push at offset 0 of the scriptPubKey runs past its end");
    }

    @Test
    void sizeLimits() {
        assertThat(run(new ScriptBuilder().data(new byte[520]).build(), ScriptAsm.parse("1"), NONE).error())
                .isEqualTo(ScriptError.OK);
        assertThat(run(new ScriptBuilder().data(new byte[521]).build(), ScriptAsm.parse("1"), NONE).error())
                .isEqualTo(ScriptError.PUSH_SIZE);
        assertThat(run(Script.EMPTY, Script.of(new byte[10_001]), NONE).error()).isEqualTo(ScriptError.SCRIPT_SIZE);
        assertThat(run("", "1 " + "NOP ".repeat(201), NONE).error()).isEqualTo(ScriptError.OK);
        assertThat(run("", "1 " + "NOP ".repeat(202), NONE).error()).isEqualTo(ScriptError.OP_COUNT);
        assertThat(run("", "1 ".repeat(1000), NONE).error()).isEqualTo(ScriptError.OK);
        assertThat(run("1", "1 ".repeat(1000), NONE).error()).isEqualTo(ScriptError.STACK_SIZE);
    }

    @Test
    void pushOnlyAndCleanStackFlags() {
        Set<ScriptFlag> pushOnly = EnumSet.of(ScriptFlag.SIGPUSHONLY);
        assertThat(run("1 NOP", "1", pushOnly).error()).isEqualTo(ScriptError.SIG_PUSHONLY);
        assertThat(run("1 NOP", "1", NONE).error()).isEqualTo(ScriptError.OK);
        assertThat(run("1 16 -1 'x'", "1", pushOnly).error()).isEqualTo(ScriptError.OK);
        Set<ScriptFlag> clean = EnumSet.of(ScriptFlag.CLEANSTACK);
        assertThat(run("1 1", "", clean).error()).isEqualTo(ScriptError.CLEANSTACK);
        assertThat(run("1", "", clean).error()).isEqualTo(ScriptError.OK);
    }

    @Test
    void unsupportedFlagsAreRefusedNotIgnored() {
        assertThatThrownBy(() -> run("1", "1", EnumSet.of(ScriptFlag.P2SH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P2SH");
    }

    @Test
    void checksigWithAGoodBadAndEmptySignature() {
        Script p2pk = StandardScripts.p2pk(pub);
        byte[] good = new TransactionSigner(engine).signature(tx, 0, p2pk, key, SigHashType.ALL);
        assertThat(run(StandardScripts.p2pkScriptSig(good), p2pk, ScriptFlag.STANDARD).isOk()).isTrue();

        byte[] wrongKeySig = new TransactionSigner(engine).signature(tx, 0, p2pk, Keys.key(0x22, true), SigHashType.ALL);
        Script bad = StandardScripts.p2pkScriptSig(wrongKeySig);
        assertThat(run(bad, p2pk, ScriptFlag.STANDARD).error()).isEqualTo(ScriptError.NULLFAIL);
        assertThat(run(bad, p2pk, NONE).error()).isEqualTo(ScriptError.EVAL_FALSE);
        assertThat(run(new ScriptBuilder().data(new byte[0]).build(), p2pk, ScriptFlag.STANDARD).error())
                .isEqualTo(ScriptError.EVAL_FALSE);

        Script verify = new ScriptBuilder().data(pub).op(Opcode.OP_CHECKSIGVERIFY).op(Opcode.OP_1).build();
        assertThat(run(bad, verify, NONE).error()).isEqualTo(ScriptError.CHECKSIGVERIFY);
        // the script code is the whole scriptPubKey, so a signature for P2PK does not fit here
        assertThat(run(StandardScripts.p2pkScriptSig(good), verify, NONE).error()).isEqualTo(ScriptError.CHECKSIGVERIFY);
        byte[] forVerify = new TransactionSigner(engine).signature(tx, 0, verify, key, SigHashType.ALL);
        assertThat(run(StandardScripts.p2pkScriptSig(forVerify), verify, NONE).error()).isEqualTo(ScriptError.OK);
    }

    @Test
    void encodingRulesUnderStrictFlags() {
        Script p2pk = StandardScripts.p2pk(pub);
        byte[] good = new TransactionSigner(engine).signature(tx, 0, p2pk, key, SigHashType.ALL);
        byte[] undefinedType = good.clone();
        undefinedType[undefinedType.length - 1] = 0x05;
        assertThat(run(StandardScripts.p2pkScriptSig(undefinedType), p2pk, EnumSet.of(ScriptFlag.STRICTENC)).error())
                .isEqualTo(ScriptError.SIG_HASHTYPE);
        byte[] notDer = good.clone();
        notDer[0] = 0x31;
        assertThat(run(StandardScripts.p2pkScriptSig(notDer), p2pk, EnumSet.of(ScriptFlag.DERSIG)).error())
                .isEqualTo(ScriptError.SIG_DER);
        byte[] hybridKey = new byte[65];
        hybridKey[0] = 0x06;
        Script hybrid = new ScriptBuilder().data(hybridKey).op(Opcode.OP_CHECKSIG).build();
        assertThat(run(StandardScripts.p2pkScriptSig(good), hybrid, EnumSet.of(ScriptFlag.STRICTENC)).error())
                .isEqualTo(ScriptError.PUBKEYTYPE);
    }

    @Test
    void codeSeparatorStartsTheSignedScriptCode() {
        // scriptPubKey: OP_CODESEPARATOR <pub> OP_CHECKSIG; the signature covers only what follows the separator
        Script after = StandardScripts.p2pk(pub);
        Script pubKeyScript = new ScriptBuilder().op(Opcode.OP_CODESEPARATOR).raw(after.program()).build();
        byte[] sig = new TransactionSigner(engine).signature(tx, 0, after, key, SigHashType.ALL);
        assertThat(run(StandardScripts.p2pkScriptSig(sig), pubKeyScript, NONE).error()).isEqualTo(ScriptError.OK);
        byte[] sigOverWhole = new TransactionSigner(engine).signature(tx, 0, pubKeyScript, key, SigHashType.ALL);
        // the separator is removed from the hashed script code anyway, so signing the whole also matches
        assertThat(run(StandardScripts.p2pkScriptSig(sigOverWhole), pubKeyScript, NONE).error()).isEqualTo(ScriptError.OK);
        Script twoSeparators = new ScriptBuilder().op(Opcode.OP_1).op(Opcode.OP_DROP).op(Opcode.OP_CODESEPARATOR)
                .raw(after.program()).build();
        byte[] sigWithPrefix = new TransactionSigner(engine).signature(tx, 0, twoSeparators, key, SigHashType.ALL);
        assertThat(run(StandardScripts.p2pkScriptSig(sigWithPrefix), twoSeparators, NONE).error())
                .as("a signature over the part before the separator does not match").isEqualTo(ScriptError.EVAL_FALSE);
        assertThat(run(StandardScripts.p2pkScriptSig(sig), twoSeparators, NONE).error()).isEqualTo(ScriptError.OK);
        assertThat(run(StandardScripts.p2pkScriptSig(sig), twoSeparators, EnumSet.of(ScriptFlag.CONST_SCRIPTCODE))
                .error()).isEqualTo(ScriptError.OP_CODESEPARATOR);
    }

    @Test
    void signatureInsideTheScriptCodeIsDeletedBeforeHashing() {
        Script tail = new ScriptBuilder().op(Opcode.OP_DROP).data(pub).op(Opcode.OP_CHECKSIG).build();
        byte[] sig = new TransactionSigner(engine).signature(tx, 0, tail, key, SigHashType.ALL);
        Script pubKeyScript = new ScriptBuilder().data(sig).raw(tail.program()).build();
        Script scriptSig = StandardScripts.p2pkScriptSig(sig);
        assertThat(run(scriptSig, pubKeyScript, NONE).error()).isEqualTo(ScriptError.OK);
        assertThat(run(scriptSig, pubKeyScript, EnumSet.of(ScriptFlag.CONST_SCRIPTCODE)).error())
                .isEqualTo(ScriptError.SIG_FINDANDDELETE);
    }
}
