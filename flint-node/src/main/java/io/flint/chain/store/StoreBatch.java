package io.flint.chain.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes that must land together or not at all: one block connect, one disconnect, one
 * reorganisation. Operations apply in the order they were added.
 */
public final class StoreBatch {

    /** One write; {@code value == null} means delete. */
    public record Op(Column column, byte[] key, byte[] value) {
        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public StoreBatch put(Column column, byte[] key, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("put needs a value; use delete to remove a key");
        }
        ops.add(new Op(column, key.clone(), value.clone()));
        return this;
    }

    public StoreBatch delete(Column column, byte[] key) {
        ops.add(new Op(column, key.clone(), null));
        return this;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public int size() {
        return ops.size();
    }
}
