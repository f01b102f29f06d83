package io.flint.wallet;

/** Another process (or command) holds the wallet file's lock: one writer at a time. */
public final class WalletInUseException extends KeystoreException {
    private static final long serialVersionUID = 1L;

    public WalletInUseException(String message) {
        super(message);
    }
}
