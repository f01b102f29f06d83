package io.flint.core.script;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Bitcoin's script opcodes as byte values, with Bitcoin Core's names ({@code GetOpName}).
 * All of them are named so that scripts can be printed and error messages can say which opcode
 * was met; {@link ScriptInterpreter} executes only a subset.
 */
public final class Opcode {
    public static final int OP_0 = 0x00;
    public static final int OP_PUSHDATA1 = 0x4c;
    public static final int OP_PUSHDATA2 = 0x4d;
    public static final int OP_PUSHDATA4 = 0x4e;
    public static final int OP_1NEGATE = 0x4f;
    public static final int OP_RESERVED = 0x50;
    public static final int OP_1 = 0x51;
    public static final int OP_16 = 0x60;
    public static final int OP_NOP = 0x61;
    public static final int OP_VER = 0x62;
    public static final int OP_IF = 0x63;
    public static final int OP_NOTIF = 0x64;
    public static final int OP_VERIF = 0x65;
    public static final int OP_VERNOTIF = 0x66;
    public static final int OP_ELSE = 0x67;
    public static final int OP_ENDIF = 0x68;
    public static final int OP_VERIFY = 0x69;
    public static final int OP_RETURN = 0x6a;
    public static final int OP_DROP = 0x75;
    public static final int OP_DUP = 0x76;
    public static final int OP_CAT = 0x7e;
    public static final int OP_SUBSTR = 0x7f;
    public static final int OP_LEFT = 0x80;
    public static final int OP_RIGHT = 0x81;
    public static final int OP_INVERT = 0x83;
    public static final int OP_AND = 0x84;
    public static final int OP_OR = 0x85;
    public static final int OP_XOR = 0x86;
    public static final int OP_EQUAL = 0x87;
    public static final int OP_EQUALVERIFY = 0x88;
    public static final int OP_2MUL = 0x8d;
    public static final int OP_2DIV = 0x8e;
    public static final int OP_MUL = 0x95;
    public static final int OP_DIV = 0x96;
    public static final int OP_MOD = 0x97;
    public static final int OP_LSHIFT = 0x98;
    public static final int OP_RSHIFT = 0x99;
    public static final int OP_HASH160 = 0xa9;
    public static final int OP_CODESEPARATOR = 0xab;
    public static final int OP_CHECKSIG = 0xac;
    public static final int OP_CHECKSIGVERIFY = 0xad;
    public static final int OP_NOP1 = 0xb0;
    public static final int OP_CHECKLOCKTIMEVERIFY = 0xb1;
    public static final int OP_CHECKSEQUENCEVERIFY = 0xb2;
    public static final int OP_NOP4 = 0xb3;
    public static final int OP_NOP10 = 0xb9;
    public static final int OP_CHECKSIGADD = 0xba;
    public static final int OP_INVALIDOPCODE = 0xff;

    /** Names of 0x61..0xba in order, as Bitcoin Core spells them. */
    private static final String[] NAMES_FROM_NOP = {
        "OP_NOP", "OP_VER", "OP_IF", "OP_NOTIF", "OP_VERIF", "OP_VERNOTIF", "OP_ELSE", "OP_ENDIF", "OP_VERIFY",
        "OP_RETURN", "OP_TOALTSTACK", "OP_FROMALTSTACK", "OP_2DROP", "OP_2DUP", "OP_3DUP", "OP_2OVER", "OP_2ROT",
        "OP_2SWAP", "OP_IFDUP", "OP_DEPTH", "OP_DROP", "OP_DUP", "OP_NIP", "OP_OVER", "OP_PICK", "OP_ROLL",
        "OP_ROT", "OP_SWAP", "OP_TUCK", "OP_CAT", "OP_SUBSTR", "OP_LEFT", "OP_RIGHT", "OP_SIZE", "OP_INVERT",
        "OP_AND", "OP_OR", "OP_XOR", "OP_EQUAL", "OP_EQUALVERIFY", "OP_RESERVED1", "OP_RESERVED2", "OP_1ADD",
        "OP_1SUB", "OP_2MUL", "OP_2DIV", "OP_NEGATE", "OP_ABS", "OP_NOT", "OP_0NOTEQUAL", "OP_ADD", "OP_SUB",
        "OP_MUL", "OP_DIV", "OP_MOD", "OP_LSHIFT", "OP_RSHIFT", "OP_BOOLAND", "OP_BOOLOR", "OP_NUMEQUAL",
        "OP_NUMEQUALVERIFY", "OP_NUMNOTEQUAL", "OP_LESSTHAN", "OP_GREATERTHAN", "OP_LESSTHANOREQUAL",
        "OP_GREATERTHANOREQUAL", "OP_MIN", "OP_MAX", "OP_WITHIN", "OP_RIPEMD160", "OP_SHA1", "OP_SHA256",
        "OP_HASH160", "OP_HASH256", "OP_CODESEPARATOR", "OP_CHECKSIG", "OP_CHECKSIGVERIFY", "OP_CHECKMULTISIG",
        "OP_CHECKMULTISIGVERIFY", "OP_NOP1", "OP_CHECKLOCKTIMEVERIFY", "OP_CHECKSEQUENCEVERIFY", "OP_NOP4",
        "OP_NOP5", "OP_NOP6", "OP_NOP7", "OP_NOP8", "OP_NOP9", "OP_NOP10", "OP_CHECKSIGADD",
    };

    /** Name (with and without "OP_") to opcode, for the non-push opcodes, as Bitcoin's ParseScript. */
    private static final Map<String, Integer> BY_NAME = byName();

    private Opcode() {}

    private static Map<String, Integer> byName() {
        Map<String, Integer> m = new HashMap<>();
        for (int op = OP_RESERVED; op <= OP_CHECKSIGADD; op++) {
            if (op < OP_NOP && op != OP_RESERVED) {
                continue;
            }
            String name = name(op);
            m.put(name, op);
            m.put(name.substring(3), op);
        }
        m.put("OP_NOP2", OP_CHECKLOCKTIMEVERIFY);
        m.put("OP_NOP3", OP_CHECKSEQUENCEVERIFY);
        return Map.copyOf(m);
    }

    /**
     * Bitcoin Core's name of an opcode: "0", "-1", "1".."16", "OP_DUP", ..., or "OP_UNKNOWN";
     * the direct pushes 0x01..0x4b, which Bitcoin leaves unnamed, are "OP_PUSHBYTES_n".
     */
    public static String name(int opcode) {
        if (opcode == OP_0) {
            return "0";
        } else if (opcode < OP_PUSHDATA1) {
            return "OP_PUSHBYTES_" + opcode;
        } else if (opcode == OP_PUSHDATA1) {
            return "OP_PUSHDATA1";
        } else if (opcode == OP_PUSHDATA2) {
            return "OP_PUSHDATA2";
        } else if (opcode == OP_PUSHDATA4) {
            return "OP_PUSHDATA4";
        } else if (opcode == OP_1NEGATE) {
            return "-1";
        } else if (opcode == OP_RESERVED) {
            return "OP_RESERVED";
        } else if (opcode >= OP_1 && opcode <= OP_16) {
            return Integer.toString(opcode - OP_1 + 1);
        } else if (opcode >= OP_NOP && opcode <= OP_CHECKSIGADD) {
            return NAMES_FROM_NOP[opcode - OP_NOP];
        } else if (opcode == OP_INVALIDOPCODE) {
            return "OP_INVALIDOPCODE";
        }
        return "OP_UNKNOWN";
    }

    /** Like {@link #name} but always with "OP_": "OP_0", "OP_1NEGATE", "OP_5", for messages. */
    public static String displayName(int opcode) {
        if (opcode == OP_0) {
            return "OP_0";
        } else if (opcode == OP_1NEGATE) {
            return "OP_1NEGATE";
        } else if (opcode >= OP_1 && opcode <= OP_16) {
            return "OP_" + (opcode - OP_1 + 1);
        }
        String name = name(opcode);
        return name.equals("OP_UNKNOWN") ? String.format("OP_UNKNOWN(0x%02x)", opcode) : name;
    }

    /** A non-push opcode by name, with or without "OP_" (ParseScript's table). */
    public static OptionalInt fromName(String name) {
        Integer op = BY_NAME.get(name);
        return op == null ? OptionalInt.empty() : OptionalInt.of(op);
    }

    /** Opcodes that push data or a small number (Bitcoin's IsPushOnly counts OP_RESERVED too). */
    public static boolean isPush(int opcode) {
        return opcode <= OP_16;
    }

    /** OP_1..OP_16 and OP_0: the small integer an opcode pushes, or -1 if it is not one. */
    public static int smallInteger(int opcode) {
        if (opcode == OP_0) {
            return 0;
        }
        return opcode >= OP_1 && opcode <= OP_16 ? opcode - OP_1 + 1 : -1;
    }

    /** The opcode that pushes the number {@code n} in [0, 16]. */
    public static int forSmallInteger(int n) {
        if (n < 0 || n > 16) {
            throw new IllegalArgumentException("not a small integer: " + n);
        }
        return n == 0 ? OP_0 : OP_1 + n - 1;
    }
}
