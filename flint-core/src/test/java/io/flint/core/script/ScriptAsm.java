package io.flint.core.script;

import io.flint.crypto.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Bitcoin Core's script-assembly syntax ({@code ParseScript} in core_read.cpp), as used by its
 * test vectors: decimal numbers become minimal pushes (-1 and 1..16 the OP_N opcodes, 0 OP_0,
 * others a script-number push), {@code 0x..} inserts raw bytes, {@code 'text'} pushes the text,
 * other words are opcode names with or without "OP_".
 */
final class ScriptAsm {
    private ScriptAsm() {}

    static Script parse(String asm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String word : asm.trim().split("[ \t\n]+")) {
            if (word.isEmpty()) {
                continue;
            }
            out.writeBytes(word(word));
        }
        return Script.of(out.toByteArray());
    }

    private static byte[] word(String w) {
        if (w.matches("-?[0-9]+") && !w.equals("-")) {
            long n = Long.parseLong(w);
            if (n > 0xffff_ffffL || n < -0xffff_ffffL) {
                throw new IllegalArgumentException("number out of range: " + w);
            }
            return number(n);
        }
        if (w.startsWith("0x") && w.length() > 2 && Hex.isHex(w.substring(2))) {
            return Hex.decode(w.substring(2));
        }
        if (w.length() >= 2 && w.startsWith("'") && w.endsWith("'")) {
            return new ScriptBuilder().data(w.substring(1, w.length() - 1).getBytes(StandardCharsets.ISO_8859_1))
                    .build().program();
        }
        OptionalInt op = Opcode.fromName(w);
        if (op.isPresent()) {
            return new byte[] {(byte) op.getAsInt()};
        }
        throw new IllegalArgumentException("script parse error: '" + w + "'");
    }

    /** CScript << int64: OP_1NEGATE, OP_0..OP_16, or the minimal CScriptNum push. */
    private static byte[] number(long n) {
        if (n == -1) {
            return new byte[] {(byte) Opcode.OP_1NEGATE};
        }
        if (n >= 0 && n <= 16) {
            return new byte[] {(byte) Opcode.forSmallInteger((int) n)};
        }
        return new ScriptBuilder().data(scriptNum(n)).build().program();
    }

    /** Little-endian magnitude, sign in the top bit of the last byte (an extra byte if needed). */
    static byte[] scriptNum(long n) {
        if (n == 0) {
            return new byte[0];
        }
        boolean negative = n < 0;
        long abs = Math.abs(n);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (abs > 0) {
            b.write((int) (abs & 0xff));
            abs >>>= 8;
        }
        byte[] r = b.toByteArray();
        if ((r[r.length - 1] & 0x80) != 0) {
            byte[] ext = new byte[r.length + 1];
            System.arraycopy(r, 0, ext, 0, r.length);
            ext[r.length] = (byte) (negative ? 0x80 : 0);
            return ext;
        } else if (negative) {
            r[r.length - 1] |= (byte) 0x80;
        }
        return r;
    }
}
