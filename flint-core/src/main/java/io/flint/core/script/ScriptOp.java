package io.flint.core.script;

import io.flint.crypto.Hex;
import java.util.Arrays;

/** One operation of a script: an opcode and, for pushes, the bytes it pushes. Immutable. */
public final class ScriptOp {
    private final int opcode;
    private final byte[] data;
    private final int offset;

    ScriptOp(int opcode, byte[] data, int offset) {
        this.opcode = opcode;
        this.data = data;
        this.offset = offset;
    }

    public int opcode() {
        return opcode;
    }

    /** True for OP_0, direct pushes and OP_PUSHDATA1/2/4 (not for OP_1NEGATE or OP_1..OP_16). */
    public boolean isDataPush() {
        return opcode <= Opcode.OP_PUSHDATA4;
    }

    /** The pushed bytes (a copy); empty for non-push operations. */
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    /** Position of this operation's opcode byte in its script. */
    public int offset() {
        return offset;
    }

    @Override
    public String toString() {
        if (isDataPush() && opcode != Opcode.OP_0) {
            return Hex.encode(data);
        }
        return Opcode.displayName(opcode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScriptOp op && op.opcode == opcode && op.offset == offset && Arrays.equals(op.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * opcode + offset) + Arrays.hashCode(data);
    }
}
