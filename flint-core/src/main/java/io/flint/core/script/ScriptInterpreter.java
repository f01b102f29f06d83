package io.flint.core.script;

import io.flint.core.Transaction;
import io.flint.crypto.DerSignature;
import io.flint.crypto.Hash160;
import io.flint.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Bitcoin's legacy script interpreter for the operations P2PKH and P2PK spending needs, with
 * Bitcoin Core's semantics and error names: all push forms, OP_NOP (and the upgradable OP_NOPn
 * other than CLTV/CSV), OP_DROP, OP_DUP, OP_HASH160, OP_EQUAL, OP_EQUALVERIFY, OP_VERIFY,
 * OP_RETURN, OP_CODESEPARATOR, OP_CHECKSIG, OP_CHECKSIGVERIFY. Any other valid opcode fails with
 * {@link ScriptError#UNSUPPORTED_OPCODE} ("unsupported opcode OP_X"); disabled and invalid ones
 * fail as in Bitcoin.
 *
 * <p>Verification runs the scriptSig, then the scriptPubKey on the stack the scriptSig left, and
 * succeeds when the top element is true (and, with CLEANSTACK, is the only one).
 */
public final class ScriptInterpreter {
    public static final int MAX_SCRIPT_SIZE = 10_000;
    public static final int MAX_ELEMENT_SIZE = 520;
    public static final int MAX_OPS_PER_SCRIPT = 201;
    public static final int MAX_STACK_SIZE = 1000;

    private static final byte[] TRUE = {1};
    private static final byte[] FALSE = {};

    private ScriptInterpreter() {}

    /** Verifies input {@code inputIndex} of {@code tx}, which spends an output locked by {@code prevScriptPubKey}. */
    public static ScriptResult verifyInput(Transaction tx, int inputIndex, Script prevScriptPubKey,
            Set<ScriptFlag> flags, Secp256k1 engine) {
        return verify(tx.input(inputIndex).scriptSig(), prevScriptPubKey, flags,
                new TransactionSignatureChecker(engine, tx, inputIndex));
    }

    /**
     * Bitcoin's VerifyScript without P2SH or witness.
     *
     * @throws IllegalArgumentException if {@code flags} contains a flag the interpreter does not implement
     */
    public static ScriptResult verify(Script scriptSig, Script scriptPubKey, Set<ScriptFlag> flags,
            SignatureChecker checker) {
        for (ScriptFlag f : flags) {
            if (!f.isSupported()) {
                throw new IllegalArgumentException("script flag " + f + " is not implemented by Flint's interpreter");
            }
        }
        try {
            if (flags.contains(ScriptFlag.SIGPUSHONLY) && !scriptSig.isPushOnly()) {
                throw new Failure(ScriptError.SIG_PUSHONLY, "scriptSig " + scriptSig.toAsm());
            }
            List<byte[]> stack = new ArrayList<>();
            eval(stack, scriptSig, flags, checker, "scriptSig");
            eval(stack, scriptPubKey, flags, checker, "scriptPubKey");
            if (stack.isEmpty()) {
                throw new Failure(ScriptError.EVAL_FALSE, "the stack is empty");
            }
            if (!castToBool(top(stack))) {
                throw new Failure(ScriptError.EVAL_FALSE, "the top of the stack is false");
            }
            if (flags.contains(ScriptFlag.CLEANSTACK) && stack.size() != 1) {
                throw new Failure(ScriptError.CLEANSTACK, stack.size() + " elements remain");
            }
            return ScriptResult.SUCCESS;
        } catch (Failure f) {
            return new ScriptResult(f.error, f.detail);
        }
    }

    private static void eval(List<byte[]> stack, Script script, Set<ScriptFlag> flags, SignatureChecker checker,
            String which) {
        byte[] s = script.bytes();
        if (s.length > MAX_SCRIPT_SIZE) {
            throw new Failure(ScriptError.SCRIPT_SIZE, which + " is " + s.length + " bytes");
        }
        ScriptCursor c = new ScriptCursor(s, 0);
        int codeStart = 0;
        int opCount = 0;
        while (!c.atEnd()) {
            if (!c.next()) {
                throw new Failure(ScriptError.BAD_OPCODE,
                        "push at offset " + c.opStart + " of the " + which + " runs past its end");
            }
            int op = c.opcode;
            Position where = new Position(op, c.opStart, which);
            if (c.dataLength > MAX_ELEMENT_SIZE) {
                throw new Failure(ScriptError.PUSH_SIZE, where + " pushes " + c.dataLength + " bytes");
            }
            if (op > Opcode.OP_16 && ++opCount > MAX_OPS_PER_SCRIPT) {
                throw new Failure(ScriptError.OP_COUNT, where.toString());
            }
            if (isDisabled(op)) {
                throw new Failure(ScriptError.DISABLED_OPCODE, "disabled opcode " + where);
            }
            if (op == Opcode.OP_CODESEPARATOR && flags.contains(ScriptFlag.CONST_SCRIPTCODE)) {
                throw new Failure(ScriptError.OP_CODESEPARATOR, where.toString());
            }
            if (op <= Opcode.OP_PUSHDATA4) {
                stack.add(c.data());
            } else if (op == Opcode.OP_1NEGATE) {
                stack.add(new byte[] {(byte) 0x81});
            } else if (op >= Opcode.OP_1 && op <= Opcode.OP_16) {
                stack.add(new byte[] {(byte) (op - Opcode.OP_1 + 1)});
            } else {
                switch (op) {
                    case Opcode.OP_NOP, Opcode.OP_NOP1, Opcode.OP_NOP4, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, Opcode.OP_NOP10 -> {
                        // upgradable no-ops; OP_NOP2/OP_NOP3 are reserved for lock-time checks
                    }
                    case Opcode.OP_VERIFY -> {
                        need(stack, 1, where);
                        if (!castToBool(top(stack))) {
                            throw new Failure(ScriptError.VERIFY, where.toString());
                        }
                        pop(stack);
                    }
                    case Opcode.OP_RETURN -> throw new Failure(ScriptError.OP_RETURN, where.toString());
                    case Opcode.OP_DROP -> {
                        need(stack, 1, where);
                        pop(stack);
                    }
                    case Opcode.OP_DUP -> {
                        need(stack, 1, where);
                        stack.add(top(stack).clone());
                    }
                    case Opcode.OP_EQUAL, Opcode.OP_EQUALVERIFY -> {
                        need(stack, 2, where);
                        boolean equal = Arrays.equals(pop(stack), pop(stack));
                        stack.add(equal ? TRUE : FALSE);
                        if (op == Opcode.OP_EQUALVERIFY) {
                            if (!equal) {
                                throw new Failure(ScriptError.EQUALVERIFY, where.toString());
                            }
                            pop(stack);
                        }
                    }
                    case Opcode.OP_HASH160 -> {
                        need(stack, 1, where);
                        stack.add(Hash160.hash(pop(stack)));
                    }
                    case Opcode.OP_CODESEPARATOR -> codeStart = c.pc;
                    case Opcode.OP_CHECKSIG, Opcode.OP_CHECKSIGVERIFY -> {
                        need(stack, 2, where);
                        boolean ok = checkSig(stack, s, codeStart, flags, checker, where);
                        if (op == Opcode.OP_CHECKSIGVERIFY) {
                            if (!ok) {
                                throw new Failure(ScriptError.CHECKSIGVERIFY, where.toString());
                            }
                            pop(stack);
                        }
                    }
                    default -> {
                        if (isInvalid(op)) {
                            throw new Failure(ScriptError.BAD_OPCODE, "invalid opcode " + where);
                        }
                        throw new Failure(ScriptError.UNSUPPORTED_OPCODE, "unsupported opcode " + where);
                    }
                }
            }
            if (stack.size() > MAX_STACK_SIZE) {
                throw new Failure(ScriptError.STACK_SIZE, where.toString());
            }
        }
    }

    /** OP_CHECKSIG: pops signature and key, pushes the result, returns it. */
    private static boolean checkSig(List<byte[]> stack, byte[] script, int codeStart, Set<ScriptFlag> flags,
            SignatureChecker checker, Position where) {
        byte[] sig = stack.get(stack.size() - 2);
        byte[] pubKey = stack.get(stack.size() - 1);
        byte[] code = Arrays.copyOfRange(script, codeStart, script.length);
        FindAndDelete.Result deleted = FindAndDelete.apply(code, FindAndDelete.pushOf(sig));
        if (deleted.found() > 0 && flags.contains(ScriptFlag.CONST_SCRIPTCODE)) {
            throw new Failure(ScriptError.SIG_FINDANDDELETE, where.toString());
        }
        checkSignatureEncoding(sig, flags, where);
        if (flags.contains(ScriptFlag.STRICTENC) && !isCompressedOrUncompressed(pubKey)) {
            throw new Failure(ScriptError.PUBKEYTYPE, where + ", key of " + pubKey.length + " bytes");
        }
        boolean ok = checker.checkSignature(sig, pubKey, Script.wrap(deleted.script()));
        if (!ok && flags.contains(ScriptFlag.NULLFAIL) && sig.length > 0) {
            throw new Failure(ScriptError.NULLFAIL, where.toString());
        }
        pop(stack);
        pop(stack);
        stack.add(ok ? TRUE : FALSE);
        return ok;
    }

    /** Bitcoin's CheckSignatureEncoding; an empty signature is always allowed (it just fails). */
    private static void checkSignatureEncoding(byte[] sig, Set<ScriptFlag> flags, Position where) {
        if (sig.length == 0) {
            return;
        }
        boolean strict = flags.contains(ScriptFlag.DERSIG) || flags.contains(ScriptFlag.LOW_S)
                || flags.contains(ScriptFlag.STRICTENC);
        if (strict && !DerSignature.isStrictDerWithHashType(sig)) {
            throw new Failure(ScriptError.SIG_DER, where.toString());
        }
        if (flags.contains(ScriptFlag.LOW_S) && !isLowS(sig)) {
            throw new Failure(ScriptError.SIG_HIGH_S, where.toString());
        }
        if (flags.contains(ScriptFlag.STRICTENC) && !SigHashType.isDefined(sig[sig.length - 1] & 0xff)) {
            throw new Failure(ScriptError.SIG_HASHTYPE,
                    where + String.format(", hash type 0x%02x", sig[sig.length - 1] & 0xff));
        }
    }

    /**
     * Bitcoin's CheckLowS reads the signature laxly, where an R or S at or above the curve order
     * becomes (0, 0) and so counts as low; a strict reading would call it high.
     */
    private static boolean isLowS(byte[] sigWithHashType) {
        byte[] der = Arrays.copyOf(sigWithHashType, sigWithHashType.length - 1);
        return DerSignature.parseLax(der).map(DerSignature::isLowS).orElse(false);
    }

    /** Bitcoin's IsCompressedOrUncompressedPubKey: 0x04 + 64 bytes, or 0x02/0x03 + 32 bytes. */
    private static boolean isCompressedOrUncompressed(byte[] key) {
        if (key.length < 33) {
            return false;
        }
        return switch (key[0]) {
            case 4 -> key.length == 65;
            case 2, 3 -> key.length == 33;
            default -> false;
        };
    }

    private static boolean isDisabled(int op) {
        return switch (op) {
            case Opcode.OP_CAT, Opcode.OP_SUBSTR, Opcode.OP_LEFT, Opcode.OP_RIGHT, Opcode.OP_INVERT, Opcode.OP_AND,
                    Opcode.OP_OR, Opcode.OP_XOR, Opcode.OP_2MUL, Opcode.OP_2DIV, Opcode.OP_MUL, Opcode.OP_DIV,
                    Opcode.OP_MOD, Opcode.OP_LSHIFT, Opcode.OP_RSHIFT -> true;
            default -> false;
        };
    }

    /** Opcodes that fail wherever they are executed in Bitcoin (reserved words and undefined bytes). */
    private static boolean isInvalid(int op) {
        return op == Opcode.OP_RESERVED || op == Opcode.OP_VER || op == Opcode.OP_VERIF || op == Opcode.OP_VERNOTIF
                || op == 0x89 || op == 0x8a || op >= Opcode.OP_CHECKSIGADD;
    }

    /** Bitcoin's CastToBool: any non-zero byte, except that 0x80 as the last byte alone is "negative zero". */
    static boolean castToBool(byte[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                return !(i == v.length - 1 && v[i] == (byte) 0x80);
            }
        }
        return false;
    }

    private static void need(List<byte[]> stack, int n, Position where) {
        if (stack.size() < n) {
            throw new Failure(ScriptError.INVALID_STACK_OPERATION,
                    where + " needs " + n + " stack element" + (n == 1 ? "" : "s") + ", found " + stack.size());
        }
    }

    private static byte[] top(List<byte[]> stack) {
        return stack.get(stack.size() - 1);
    }

    private static byte[] pop(List<byte[]> stack) {
        return stack.remove(stack.size() - 1);
    }

    /** Where an operation is, for messages; the text is only built when something fails. */
    private record Position(int opcode, int offset, String script) {
        @Override
        public String toString() {
            return Opcode.displayName(opcode) + " at offset " + offset + " of the " + script;
        }
    }

    /** Unwinds evaluation to {@link #verify}, which turns it into a result; never escapes. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ScriptError error;
        final String detail;

        Failure(ScriptError error, String detail) {
            super(detail, null, false, false);
            this.error = error;
            this.detail = detail;
        }
    }
}
