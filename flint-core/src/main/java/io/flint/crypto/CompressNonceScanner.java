package io.flint.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast nonce scanner: the prefix's compression is done once, the tail's block and the second
 * hash's single block are padded once, and each counter value costs the counter write, two
 * compressions and (almost always) one word comparison.
 */
final class CompressNonceScanner extends AbstractNonceScanner {
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int tailLength;
    private final int nonceOffset;
    private final Sha256Compressor compressor;
    private final int[] state;
    private final int[] midstate = new int[8];
    /** Tail, 0x80, zeros, bit length of prefix+tail: the first hash's last block. */
    private final byte[] tailBlock = new byte[Sha256Compressor.BLOCK_LENGTH];
    /** First hash (32 bytes), 0x80, zeros, bit length 256: the second hash's only block. */
    private final byte[] hashBlock = new byte[Sha256Compressor.BLOCK_LENGTH];

    CompressNonceScanner(byte[] prefix64, int tailLength) {
        super(prefix64, tailLength);
        this.tailLength = tailLength;
        this.nonceOffset = tailLength - 4;
        this.compressor = new Sha256Compressor();
        this.state = compressor.state();
        Sha256Compressor.loadIv(state);
        compressor.compress(prefix64, 0);
        System.arraycopy(state, 0, midstate, 0, 8);
        tailBlock[tailLength] = (byte) 0x80;
        writeBitLength(tailBlock, (PREFIX_LENGTH + tailLength) * 8L);
        hashBlock[32] = (byte) 0x80;
        writeBitLength(hashBlock, 256);
    }

    private static void writeBitLength(byte[] block, long bits) {
        for (int i = 0; i < 8; i++) {
            block[63 - i] = (byte) (bits >>> (8 * i));
        }
    }

    @Override
    public Path path() {
        return Path.COMPRESS;
    }

    @Override
    void loadTail(byte[] tail) {
        System.arraycopy(tail, 0, tailBlock, 0, tailLength);
    }

    @Override
    byte[] hashLoadedTail() {
        hashTailBlock();
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            INT_BE.set(out, 4 * i, state[i]);
        }
        return out;
    }

    @Override
    boolean hashWithNonceAtOrBelow(int nonce, int[] target) {
        INT_LE.set(tailBlock, nonceOffset, nonce);
        hashTailBlock();
        // almost every hash is decided by its most significant word alone
        return Integer.compareUnsigned(Integer.reverseBytes(state[7]), target[0]) <= 0
                && NonceScanSupport.stateAtOrBelow(state, target);
    }

    /** Leaves SHA-256(SHA-256(prefix || tail)) in {@link #state}, as eight big-endian words. */
    private void hashTailBlock() {
        System.arraycopy(midstate, 0, state, 0, 8);
        compressor.compress(tailBlock, 0);
        for (int i = 0; i < 8; i++) {
            INT_BE.set(hashBlock, 4 * i, state[i]);
        }
        Sha256Compressor.loadIv(state);
        compressor.compress(hashBlock, 0);
    }
}
