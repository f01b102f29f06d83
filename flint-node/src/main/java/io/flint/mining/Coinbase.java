package io.flint.mining;

import io.flint.core.Amount;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.script.Opcode;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The coinbase transaction a miner puts first in its block. Its scriptSig starts with the
 * block height as BIP 34 requires (exactly what Bitcoin Core's {@code CScript() << nHeight}
 * writes: OP_1..OP_16 for 1..16, otherwise the minimal little-endian script number), then the
 * extra nonce (varied when the header's nonce space runs out) and a short tag naming the software.
 */
public final class Coinbase {
    /** Identifies blocks mined by Flint, as Bitcoin miners tag theirs. */
    public static final String TAG = "/flint/";
    /** The most extra-nonce bytes a coinbase carries; with the height and the tag the scriptSig stays far below 100 bytes. */
    public static final int MAX_EXTRA_NONCE = 32;

    private Coinbase() {}

    /**
     * A version-1 coinbase for the block at {@code height}, paying {@code value} to {@code payout}.
     *
     * @throws IllegalArgumentException if the extra nonce is longer than {@link #MAX_EXTRA_NONCE}
     */
    public static Transaction create(long height, byte[] extraNonce, Script payout, Amount value) {
        TxIn in = new TxIn(OutPoint.NULL, scriptSig(height, extraNonce), TxIn.SEQUENCE_FINAL);
        return new Transaction(1, List.of(in), List.of(new TxOut(value, payout)), 0);
    }

    /** Height push, extra-nonce push, tag push. */
    public static Script scriptSig(long height, byte[] extraNonce) {
        if (extraNonce.length > MAX_EXTRA_NONCE) {
            throw new IllegalArgumentException("extra nonce of " + extraNonce.length + " bytes; at most " + MAX_EXTRA_NONCE);
        }
        return new ScriptBuilder().raw(heightPush(height).program()).data(extraNonce)
                .data(TAG.getBytes(StandardCharsets.US_ASCII)).build();
    }

    /**
     * BIP 34's height prefix: {@code CScript() << height}. Zero is OP_0, 1..16 the small-integer
     * opcodes, anything larger a push of its minimal script-number encoding (little-endian, an
     * extra 0x00 when the top bit of the last byte is set, since that bit is the sign).
     */
    public static Script heightPush(long height) {
        if (height < 0 || height > 0xffff_ffffL) {
            throw new IllegalArgumentException("block height " + height + " is not a uint32");
        }
        if (height == 0) {
            return new ScriptBuilder().op(Opcode.OP_0).build();
        }
        if (height <= 16) {
            return new ScriptBuilder().smallInteger((int) height).build();
        }
        ByteArrayOutputStream number = new ByteArrayOutputStream();
        long v = height;
        while (v > 0) {
            number.write((int) (v & 0xff));
            v >>>= 8;
        }
        byte[] bytes = number.toByteArray();
        if ((bytes[bytes.length - 1] & 0x80) != 0) {
            number.write(0);
            bytes = number.toByteArray();
        }
        return new ScriptBuilder().data(bytes).build();
    }
}
