package io.flint.core.script;

import io.flint.core.ByteWriter;
import io.flint.crypto.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A script: its raw bytes, which are what gets serialized and hashed, and a view of them as
 * operations. A script does not have to parse: Bitcoin accepts any bytes in a transaction and
 * only fails a malformed script when it is executed, so {@link #ops()} stops at the first
 * malformed operation and {@link #isWellFormed()} tells whether there was one.
 */
public final class Script {
    public static final Script EMPTY = new Script(new byte[0]);

    private final byte[] program;

    private Script(byte[] program) {
        this.program = program;
    }

    /** A script with these bytes (copied). */
    public static Script of(byte[] program) {
        return program.length == 0 ? EMPTY : new Script(program.clone());
    }

    public static Script fromHex(String hex) {
        return new Script(Hex.decode(hex));
    }

    /** Takes ownership of an array nobody else holds. */
    static Script wrap(byte[] program) {
        return new Script(program);
    }

    /** The bytes (a copy). */
    public byte[] program() {
        return program.clone();
    }

    /** The bytes without a copy, for this package's hot paths only. */
    byte[] bytes() {
        return program;
    }

    public int size() {
        return program.length;
    }

    public boolean isEmpty() {
        return program.length == 0;
    }

    /** Writes the script as Bitcoin serializes it: CompactSize length, then the bytes. */
    public void writeTo(ByteWriter w) {
        w.writeVarBytes(program);
    }

    public String toHex() {
        return Hex.encode(program);
    }

    /** The operations up to the first malformed one (all of them when well formed). */
    public List<ScriptOp> ops() {
        List<ScriptOp> ops = new ArrayList<>();
        ScriptCursor c = new ScriptCursor(program, 0);
        while (c.next()) {
            ops.add(new ScriptOp(c.opcode, c.dataLength == 0 ? EMPTY.program : c.data(), c.opStart));
        }
        return Collections.unmodifiableList(ops);
    }

    /** False when a push claims more bytes than the script has left. */
    public boolean isWellFormed() {
        ScriptCursor c = new ScriptCursor(program, 0);
        while (c.next()) {
            // walk to the end or the first malformed operation
        }
        return c.opStart >= program.length;
    }

    /** Bitcoin's IsPushOnly: every operation is a push (opcode <= OP_16) and the script parses. */
    public boolean isPushOnly() {
        ScriptCursor c = new ScriptCursor(program, 0);
        while (c.next()) {
            if (!Opcode.isPush(c.opcode)) {
                return false;
            }
        }
        return c.opStart >= program.length;
    }

    /** Readable form: push data as hex, other operations by name, "[error]" where parsing stops. */
    public String toAsm() {
        StringBuilder sb = new StringBuilder();
        ScriptCursor c = new ScriptCursor(program, 0);
        while (c.next()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (c.opcode <= Opcode.OP_PUSHDATA4 && c.opcode != Opcode.OP_0) {
                sb.append(Hex.encode(program, c.dataStart, c.dataLength));
            } else {
                sb.append(Opcode.displayName(c.opcode));
            }
        }
        if (c.opStart < program.length) {
            sb.append(sb.length() > 0 ? " " : "").append("[error]");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toAsm();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script s && Arrays.equals(program, s.program);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(program);
    }
}
