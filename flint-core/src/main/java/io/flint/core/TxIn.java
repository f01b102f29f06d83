package io.flint.core;

import io.flint.core.script.Script;

/**
 * A transaction input: the output it spends, the scriptSig that unlocks it, and its sequence
 * number (uint32; 0xffffffff = final).
 */
public record TxIn(OutPoint prevout, Script scriptSig, long sequence) {
    public static final long SEQUENCE_FINAL = 0xffff_ffffL;
    /** prevout + empty script length + sequence: the least an input takes on the wire. */
    static final int MIN_SIZE = OutPoint.SIZE + 1 + 4;

    public TxIn {
        if (prevout == null || scriptSig == null) {
            throw new IllegalArgumentException("input prevout and scriptSig must not be null");
        }
        if (sequence < 0 || sequence > SEQUENCE_FINAL) {
            throw new IllegalArgumentException("sequence " + sequence + " is not a uint32");
        }
    }

    /** An input with an empty scriptSig and a final sequence, ready to be signed. */
    public static TxIn unsigned(OutPoint prevout) {
        return new TxIn(prevout, Script.EMPTY, SEQUENCE_FINAL);
    }

    public TxIn withScriptSig(Script script) {
        return new TxIn(prevout, script, sequence);
    }

    static TxIn read(ByteReader r) {
        OutPoint prevout = OutPoint.read(r);
        Script scriptSig = Script.of(r.readVarBytes("input scriptSig"));
        long sequence = r.readUInt32("input sequence");
        return new TxIn(prevout, scriptSig, sequence);
    }

    void write(ByteWriter w) {
        prevout.write(w);
        scriptSig.writeTo(w);
        w.writeUInt32(sequence);
    }

    int serializedSize() {
        return OutPoint.SIZE + ByteWriter.compactSizeLength(scriptSig.size()) + scriptSig.size() + 4;
    }
}
