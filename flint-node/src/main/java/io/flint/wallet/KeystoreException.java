package io.flint.wallet;

/** A keystore that cannot be read, written or trusted; the message says which and why. */
public class KeystoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeystoreException(String message) {
        super(message);
    }

    public KeystoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
