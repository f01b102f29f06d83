package io.flint.core;

/**
 * Bytes that do not decode as the expected structure: truncated input, a non-canonical or absurd
 * CompactSize, trailing bytes. The message names what was being read and the byte offset, so a
 * bad block or transaction from a peer can be reported precisely.
 */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    public DecodeException(String message, String field, int offset) {
        super(message);
        this.field = field;
        this.offset = offset;
    }

    /** What was being read, e.g. "output value". */
    public String field() {
        return field;
    }

    /** Byte offset (from the start of the decoded input) where the problem is. */
    public int offset() {
        return offset;
    }
}
