package io.flint.core.script;

/**
 * Checks one signature for the interpreter's OP_CHECKSIG. Separate from the interpreter so the
 * same script rules run against a real transaction ({@link TransactionSignatureChecker}) or any
 * other message.
 */
public interface SignatureChecker {
    /**
     * Bitcoin's {@code CheckECDSASignature}: true when {@code signature} (DER followed by the
     * sighash-type byte) is a valid signature by {@code publicKey} over the signature hash for
     * {@code scriptCode}. Malformed input is false, never an exception.
     */
    boolean checkSignature(byte[] signature, byte[] publicKey, Script scriptCode);
}
