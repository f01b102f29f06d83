package io.flint.chain.store;

/** The store could not be opened, read or written: the node cannot go on safely. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
