package io.flint.core.script;

import io.flint.core.ByteWriter;

/**
 * Bitcoin Core's {@code FindAndDelete}: removes every occurrence of a pattern that starts on an
 * operation boundary. Legacy signature checking deletes the signature's own push from the script
 * code before hashing, so a signature cannot sign itself; the quirks of where matches may start
 * (boundaries are re-derived after each removal) are part of consensus.
 */
final class FindAndDelete {
    /** The script after deletion and how many occurrences were removed. */
    record Result(byte[] script, int found) {}

    private FindAndDelete() {}

    static Result apply(byte[] script, byte[] pattern) {
        if (pattern.length == 0) {
            return new Result(script, 0);
        }
        ByteWriter result = new ByteWriter(script.length);
        int found = 0;
        ScriptCursor c = new ScriptCursor(script, 0);
        int copyFrom = 0;
        do {
            result.writeBytes(script, copyFrom, c.pc - copyFrom);
            while (script.length - c.pc >= pattern.length && matches(script, c.pc, pattern)) {
                c.pc += pattern.length;
                found++;
            }
            copyFrom = c.pc;
        } while (c.next());
        if (found == 0) {
            return new Result(script, 0);
        }
        result.writeBytes(script, copyFrom, script.length - copyFrom);
        return new Result(result.toByteArray(), found);
    }

    private static boolean matches(byte[] script, int at, byte[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            if (script[at + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code CScript() << data}: the shortest push of {@code data}, as the pattern to delete. */
    static byte[] pushOf(byte[] data) {
        return new ScriptBuilder().data(data).build().bytes();
    }
}
