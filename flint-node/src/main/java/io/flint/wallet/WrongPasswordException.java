package io.flint.wallet;

/**
 * Decryption failed. AES-GCM cannot tell a wrong password from altered bytes, so the message
 * names both; the file is never changed by a failed attempt.
 */
public final class WrongPasswordException extends KeystoreException {
    private static final long serialVersionUID = 1L;

    public WrongPasswordException() {
        super("wrong password or corrupted keystore");
    }
}
