package io.flint.core.script;

import java.util.Arrays;

/**
 * Steps through a script one operation at a time with exactly the semantics of Bitcoin Core's
 * {@code GetScriptOp}, including where the position ends up when a push runs past the end
 * (signature hashing and FindAndDelete depend on that).
 */
final class ScriptCursor {
    private final byte[] script;
    /** Position of the next operation to read; after a failed read, where Bitcoin's pc stops. */
    int pc;
    /** Start of the operation last read. */
    int opStart;
    int opcode;
    int dataStart;
    int dataLength;

    ScriptCursor(byte[] script, int pc) {
        this.script = script;
        this.pc = pc;
    }

    boolean atEnd() {
        return pc >= script.length;
    }

    /**
     * Reads the next operation. Returns false at the end or when a push is truncated; in the
     * latter case {@code opcode} is OP_INVALIDOPCODE and {@code pc} has moved past the bytes
     * that were readable, as in Bitcoin Core.
     */
    boolean next() {
        opcode = Opcode.OP_INVALIDOPCODE;
        dataLength = 0;
        opStart = pc;
        int end = script.length;
        if (pc >= end) {
            return false;
        }
        int op = script[pc++] & 0xff;
        if (op <= Opcode.OP_PUSHDATA4) {
            long size;
            if (op < Opcode.OP_PUSHDATA1) {
                size = op;
            } else if (op == Opcode.OP_PUSHDATA1) {
                if (end - pc < 1) {
                    return false;
                }
                size = script[pc++] & 0xff;
            } else if (op == Opcode.OP_PUSHDATA2) {
                if (end - pc < 2) {
                    return false;
                }
                size = (script[pc] & 0xff) | (script[pc + 1] & 0xff) << 8;
                pc += 2;
            } else {
                if (end - pc < 4) {
                    return false;
                }
                size = ((script[pc] & 0xff) | (script[pc + 1] & 0xff) << 8 | (script[pc + 2] & 0xff) << 16
                        | (long) (script[pc + 3] & 0xff) << 24);
                pc += 4;
            }
            if (end - pc < size) {
                return false;
            }
            dataStart = pc;
            dataLength = (int) size;
            pc += (int) size;
        }
        opcode = op;
        return true;
    }

    byte[] data() {
        return Arrays.copyOfRange(script, dataStart, dataStart + dataLength);
    }
}
