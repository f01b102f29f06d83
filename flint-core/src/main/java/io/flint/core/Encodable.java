package io.flint.core;

import io.flint.crypto.Hex;

/** A value with one canonical binary form: what is hashed, stored and sent (as hex) to peers. */
public interface Encodable {
    /** Appends the canonical serialization. */
    void write(ByteWriter w);

    /** Serialized size in bytes. */
    int size();

    /** The canonical serialization. */
    default byte[] serialize() {
        ByteWriter w = new ByteWriter(size());
        write(w);
        return w.toByteArray();
    }

    /** Hex of the serialization, as blocks, headers and transactions travel in messages. */
    default String toHex() {
        return Hex.encode(serialize());
    }
}
