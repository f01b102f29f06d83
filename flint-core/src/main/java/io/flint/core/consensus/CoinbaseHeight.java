package io.flint.core.consensus;

import io.flint.core.script.Script;
import io.flint.core.script.ScriptBuilder;

/**
 * BIP 34: a coinbase scriptSig starts with its block's height, pushed as Bitcoin's
 * {@code CScript() << height} does (OP_0 for 0, OP_1..OP_16 for 1..16, else the minimal
 * little-endian script number). The height makes every coinbase, and so every txid, unique.
 */
public final class CoinbaseHeight {
    private CoinbaseHeight() {}

    /** The script bytes a coinbase at {@code height} must start with. */
    public static byte[] prefix(long height) {
        if (height < 0 || height > 0xffff_ffffL) {
            throw new IllegalArgumentException("height " + height + " is not a uint32");
        }
        ScriptBuilder b = new ScriptBuilder();
        if (height <= 16) {
            b.smallInteger((int) height);
        } else {
            b.data(scriptNumber(height));
        }
        return b.build().program();
    }

    /**
     * A coinbase scriptSig for {@code height}: the height push followed by {@code extra} pushed
     * as data (an extra nonce, a tag). Bitcoin requires 2 to 100 bytes, so a low height with no
     * extra data still needs some.
     */
    public static Script scriptSig(long height, byte[] extra) {
        return new ScriptBuilder().raw(prefix(height)).data(extra).build();
    }

    /** True when {@code scriptSig} starts with the height push of {@code height}. */
    public static boolean matches(Script scriptSig, long height) {
        byte[] expected = prefix(height);
        byte[] program = scriptSig.program();
        if (program.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (program[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] scriptNumber(long value) {
        byte[] buf = new byte[9];
        int n = 0;
        long v = value;
        while (v != 0) {
            buf[n++] = (byte) (v & 0xff);
            v >>>= 8;
        }
        // a set top bit would read as a negative number: add a sign byte
        if ((buf[n - 1] & 0x80) != 0) {
            buf[n++] = 0;
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }
}
