package io.flint.core;

/**
 * A reference to one output of a transaction: its txid and output index (uint32). The null
 * outpoint (zero hash, index 0xffffffff) marks a coinbase input.
 */
public record OutPoint(Hash txid, long index) {
    public static final long NULL_INDEX = 0xffff_ffffL;
    public static final OutPoint NULL = new OutPoint(Hash.ZERO, NULL_INDEX);
    static final int SIZE = Hash.LENGTH + 4;

    public OutPoint {
        if (txid == null) {
            throw new IllegalArgumentException("outpoint txid is null");
        }
        if (index < 0 || index > NULL_INDEX) {
            throw new IllegalArgumentException("outpoint index " + index + " is not a uint32");
        }
    }

    public boolean isNull() {
        return index == NULL_INDEX && txid.isZero();
    }

    static OutPoint read(ByteReader r) {
        Hash txid = r.readHash("prevout txid");
        long index = r.readUInt32("prevout index");
        return new OutPoint(txid, index);
    }

    void write(ByteWriter w) {
        w.writeHash(txid).writeUInt32(index);
    }

    /** "txid:index", txid in display order. */
    @Override
    public String toString() {
        return txid + ":" + index;
    }
}
