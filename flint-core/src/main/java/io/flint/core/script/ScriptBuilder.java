package io.flint.core.script;

import io.flint.core.ByteWriter;

/**
 * Builds a script from operations. Data is pushed with the shortest push form, as Bitcoin Core's
 * {@code CScript << bytes} does; use {@link #smallInteger} for OP_0..OP_16.
 */
public final class ScriptBuilder {
    private final ByteWriter out = new ByteWriter(64);

    public ScriptBuilder op(int opcode) {
        if (opcode < 0 || opcode > 0xff) {
            throw new IllegalArgumentException("opcode out of range: " + opcode);
        }
        out.writeUInt8(opcode);
        return this;
    }

    /** Pushes {@code data} with the shortest push form (an empty array pushes with OP_0). */
    public ScriptBuilder data(byte[] data) {
        int n = data.length;
        if (n < Opcode.OP_PUSHDATA1) {
            out.writeUInt8(n);
        } else if (n <= 0xff) {
            out.writeUInt8(Opcode.OP_PUSHDATA1).writeUInt8(n);
        } else if (n <= 0xffff) {
            out.writeUInt8(Opcode.OP_PUSHDATA2).writeUInt16(n);
        } else {
            out.writeUInt8(Opcode.OP_PUSHDATA4).writeInt32(n);
        }
        out.writeBytes(data);
        return this;
    }

    /** OP_0 .. OP_16. */
    public ScriptBuilder smallInteger(int n) {
        return op(Opcode.forSmallInteger(n));
    }

    /** Appends raw bytes as they are (no push opcode). */
    public ScriptBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public Script build() {
        return Script.wrap(out.toByteArray());
    }
}
