package io.flint.core;

import java.util.Arrays;

/**
 * Writes Bitcoin's serialization: little-endian integers, CompactSize lengths and
 * length-prefixed bytes into a growing buffer. One writer builds one output on one thread.
 */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes a CompactSize encoding of {@code n} takes. */
    public static int compactSizeLength(long n) {
        if (n < 0xfd && n >= 0) {
            return 1;
        } else if (n >= 0 && n <= 0xffff) {
            return 3;
        } else if (n >= 0 && n <= 0xffff_ffffL) {
            return 5;
        }
        return 9;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public ByteWriter writeUInt8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter writeUInt16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    public ByteWriter writeInt32(int v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
        return this;
    }

    /** The low 32 bits of {@code v}, little-endian. */
    public ByteWriter writeUInt32(long v) {
        return writeInt32((int) v);
    }

    public ByteWriter writeInt64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public ByteWriter writeBytes(byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    public ByteWriter writeBytes(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, size, length);
        size += length;
        return this;
    }

    public ByteWriter writeHash(Hash h) {
        ensure(Hash.LENGTH);
        h.copyTo(buf, size);
        size += Hash.LENGTH;
        return this;
    }

    /** {@code n} is treated as unsigned, as Bitcoin's uint64 sizes are. */
    public ByteWriter writeCompactSize(long n) {
        if (n >= 0 && n < 0xfd) {
            return writeUInt8((int) n);
        } else if (n >= 0 && n <= 0xffff) {
            return writeUInt8(0xfd).writeUInt16((int) n);
        } else if (n >= 0 && n <= 0xffff_ffffL) {
            return writeUInt8(0xfe).writeUInt32(n);
        }
        return writeUInt8(0xff).writeInt64(n);
    }

    public ByteWriter writeVarBytes(byte[] b) {
        return writeCompactSize(b.length).writeBytes(b);
    }

    public int size() {
        return size;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
