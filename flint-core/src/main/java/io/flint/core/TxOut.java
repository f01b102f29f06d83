package io.flint.core;

import io.flint.core.script.Script;

/**
 * A transaction output: a value in units and the scriptPubKey that locks it. The value is the
 * raw signed 64-bit number from the wire, because a peer's transaction may carry a negative or
 * too large value that validation must reject with its own reason (see {@link CheckTransaction});
 * {@link #amount()} gives it as a checked {@link Amount}.
 */
public record TxOut(long value, Script scriptPubKey) {
    /** value + empty script length: the least an output takes on the wire. */
    static final int MIN_SIZE = 8 + 1;

    public TxOut {
        if (scriptPubKey == null) {
            throw new IllegalArgumentException("output scriptPubKey must not be null");
        }
    }

    public TxOut(Amount amount, Script scriptPubKey) {
        this(amount.units(), scriptPubKey);
    }

    /** The value as an Amount; throws ArithmeticException if it is outside the money range. */
    public Amount amount() {
        return Amount.ofUnits(value);
    }

    static TxOut read(ByteReader r) {
        long value = r.readInt64("output value");
        Script script = Script.of(r.readVarBytes("output scriptPubKey"));
        return new TxOut(value, script);
    }

    void write(ByteWriter w) {
        w.writeInt64(value);
        scriptPubKey.writeTo(w);
    }

    int serializedSize() {
        return 8 + ByteWriter.compactSizeLength(scriptPubKey.size()) + scriptPubKey.size();
    }
}
