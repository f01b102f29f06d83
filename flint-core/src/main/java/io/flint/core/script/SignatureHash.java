package io.flint.core.script;

import io.flint.core.ByteWriter;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;

/**
 * Bitcoin's legacy (pre-SegWit) signature hash: the digest a signature on one input signs. A
 * copy of the transaction is serialized with that input's script replaced by the script code
 * (OP_CODESEPARATORs removed) and the other inputs' scripts emptied, then trimmed according to
 * the hash type, and the 4-byte hash type is appended. Quirks kept on purpose, because signatures
 * already made depend on them:
 * <ul>
 *   <li>SINGLE with an input index at or past the number of outputs signs the number 1
 *       (the hash {@code 0100..00}) instead of failing;
 *   <li>only the low 5 bits choose the base type, so undefined types (0, 4, 0x1f...) act as ALL,
 *       and the full 32-bit value is still appended.
 * </ul>
 */
public final class SignatureHash {
    /** uint256 one: what Bitcoin signs for an out-of-range SINGLE or input index. */
    public static final Hash ONE = oneHash();

    private SignatureHash() {}

    private static Hash oneHash() {
        byte[] b = new byte[Hash.LENGTH];
        b[0] = 1;
        return Hash.of(b);
    }

    /**
     * The digest in internal byte order (the bytes ECDSA signs); {@code toString()} gives the
     * display order Bitcoin's test vectors use.
     */
    public static Hash legacy(Transaction tx, int inputIndex, Script scriptCode, int hashType) {
        if (inputIndex < 0 || inputIndex >= tx.inputs().size()) {
            return ONE;
        }
        int base = hashType & SigHashType.BASE_MASK;
        boolean anyoneCanPay = (hashType & SigHashType.ANYONECANPAY) != 0;
        boolean single = base == SigHashType.SINGLE.value();
        boolean none = base == SigHashType.NONE.value();
        if (single && inputIndex >= tx.outputs().size()) {
            return ONE;
        }
        ByteWriter w = new ByteWriter(tx.size() + scriptCode.size() + 4);
        w.writeInt32(tx.version());

        int nInputs = anyoneCanPay ? 1 : tx.inputs().size();
        w.writeCompactSize(nInputs);
        for (int i = 0; i < nInputs; i++) {
            int input = anyoneCanPay ? inputIndex : i;
            TxIn in = tx.input(input);
            w.writeHash(in.prevout().txid()).writeUInt32(in.prevout().index());
            if (input == inputIndex) {
                writeScriptCode(w, scriptCode.bytes());
            } else {
                w.writeCompactSize(0);
            }
            boolean zeroSequence = input != inputIndex && (single || none);
            w.writeUInt32(zeroSequence ? 0 : in.sequence());
        }

        int nOutputs = none ? 0 : single ? inputIndex + 1 : tx.outputs().size();
        w.writeCompactSize(nOutputs);
        for (int i = 0; i < nOutputs; i++) {
            if (single && i != inputIndex) {
                // a blank output: value -1, empty script
                w.writeInt64(-1).writeCompactSize(0);
            } else {
                TxOut out = tx.output(i);
                w.writeInt64(out.value());
                out.scriptPubKey().writeTo(w);
            }
        }
        w.writeUInt32(tx.lockTime());
        w.writeInt32(hashType);
        return Hash.twice(w.toByteArray());
    }

    /**
     * Bitcoin's SerializeScriptCode: the length counts every OP_CODESEPARATOR as removed; the
     * bytes are copied between separators. A push that runs past the end stops the copy where
     * Bitcoin's parser stopped, so such a script code is shorter than its declared length, exactly
     * as in Bitcoin.
     */
    private static void writeScriptCode(ByteWriter w, byte[] code) {
        int separators = 0;
        ScriptCursor c = new ScriptCursor(code, 0);
        while (c.next()) {
            if (c.opcode == Opcode.OP_CODESEPARATOR) {
                separators++;
            }
        }
        w.writeCompactSize(code.length - separators);
        c = new ScriptCursor(code, 0);
        int copyFrom = 0;
        while (c.next()) {
            if (c.opcode == Opcode.OP_CODESEPARATOR) {
                w.writeBytes(code, copyFrom, c.pc - copyFrom - 1);
                copyFrom = c.pc;
            }
        }
        if (copyFrom != code.length) {
            w.writeBytes(code, copyFrom, c.pc - copyFrom);
        }
    }
}
