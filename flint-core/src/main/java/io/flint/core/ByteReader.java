package io.flint.core;

import java.util.Arrays;

/**
 * Reads Bitcoin's serialization: little-endian integers, CompactSize lengths (canonical form
 * only, as Bitcoin Core's {@code ReadCompactSize}) and length-prefixed bytes. Every read names
 * the field it reads so that a failure says what and where; nothing allocates more than the
 * remaining input, so a hostile length cannot exhaust memory.
 *
 * <p>A reader is a cursor over one input and is used by one thread, then discarded.
 */
public final class ByteReader {
    /** Bitcoin's MAX_SIZE: no length or count in a message may exceed 32 MiB. */
    public static final long MAX_COMPACT_SIZE = 0x0200_0000L;

    private final byte[] data;
    private final int end;
    private int pos;

    /** Reads all of {@code data}; the array is not copied, so the caller must not change it. */
    public ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    public ByteReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + data.length + " bytes");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** The underlying array; lets a caller hash a range it just read without copying it. */
    byte[] array() {
        return data;
    }

    private void need(int n, String field) {
        if (end - pos < n) {
            throw new DecodeException("truncated: needed " + n + " byte" + (n == 1 ? "" : "s") + " for " + field
                    + " at offset " + pos + ", only " + (end - pos) + " left", field, pos);
        }
    }

    public int readUInt8(String field) {
        need(1, field);
        return data[pos++] & 0xff;
    }

    public int readUInt16(String field) {
        need(2, field);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    /** A little-endian signed 32-bit integer. */
    public int readInt32(String field) {
        need(4, field);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16
                | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** A little-endian unsigned 32-bit integer, as a long in [0, 2^32). */
    public long readUInt32(String field) {
        return readInt32(field) & 0xffff_ffffL;
    }

    public long readInt64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    public byte[] readBytes(int n, String field) {
        need(n, field);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    public Hash readHash(String field) {
        need(Hash.LENGTH, field);
        Hash h = Hash.wrap(Arrays.copyOfRange(data, pos, pos + Hash.LENGTH));
        pos += Hash.LENGTH;
        return h;
    }

    /**
     * A CompactSize in canonical (shortest) form, at most {@link #MAX_COMPACT_SIZE}, as Bitcoin
     * Core requires.
     */
    public long readCompactSize(String field) {
        int start = pos;
        int first = readUInt8(field);
        long value;
        long min;
        if (first < 0xfd) {
            return first;
        } else if (first == 0xfd) {
            value = readUInt16(field);
            min = 0xfd;
        } else if (first == 0xfe) {
            value = readUInt32(field);
            min = 0x1_0000L;
        } else {
            value = readInt64(field);
            min = 0x1_0000_0000L;
        }
        if (Long.compareUnsigned(value, min) < 0) {
            throw new DecodeException("non-canonical CompactSize " + value + " for " + field + " at offset " + start,
                    field, start);
        }
        if (Long.compareUnsigned(value, MAX_COMPACT_SIZE) > 0) {
            throw new DecodeException("CompactSize " + Long.toUnsignedString(value) + " for " + field
                    + " at offset " + start + " exceeds the limit " + MAX_COMPACT_SIZE, field, start);
        }
        return value;
    }

    /**
     * A count of items that each take at least {@code minItemSize} bytes: a count the remaining
     * input could not possibly hold is rejected before anything is allocated for it.
     */
    public int readCount(int minItemSize, String field) {
        int start = pos;
        long n = readCompactSize(field);
        if (n * minItemSize > remaining()) {
            throw new DecodeException("truncated: " + field + " " + n + " at offset " + start + " needs at least "
                    + n * minItemSize + " more bytes, only " + remaining() + " left", field, start);
        }
        return (int) n;
    }

    /** CompactSize length followed by that many bytes. */
    public byte[] readVarBytes(String field) {
        int start = pos;
        long n = readCompactSize(field + " length");
        if (n > remaining()) {
            throw new DecodeException("truncated: needed " + n + " bytes for " + field + " at offset " + pos
                    + " (length at offset " + start + "), only " + remaining() + " left", field, pos);
        }
        return readBytes((int) n, field);
    }

    /** Fails unless the whole input was consumed: trailing bytes mean the input is not one object. */
    public void expectEnd(String what) {
        if (pos != end) {
            throw new DecodeException((end - pos) + " trailing byte" + (end - pos == 1 ? "" : "s") + " after " + what
                    + " at offset " + pos, "end of " + what, pos);
        }
    }
}
