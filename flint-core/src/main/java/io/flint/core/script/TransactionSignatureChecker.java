package io.flint.core.script;

import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.crypto.DerSignature;
import io.flint.crypto.Secp256k1;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies signatures on one input of a transaction against the legacy signature hash, with an
 * injected secp256k1 engine. As in Bitcoin Core, the DER signature is read laxly and normalized
 * to low S before verification; whether strict DER and low S are required is the interpreter's
 * decision (flags DERSIG, LOW_S), made before this is called.
 */
public final class TransactionSignatureChecker implements SignatureChecker {
    private final Secp256k1 engine;
    private final Transaction tx;
    private final int inputIndex;

    public TransactionSignatureChecker(Secp256k1 engine, Transaction tx, int inputIndex) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tx = Objects.requireNonNull(tx, "tx");
        if (inputIndex < 0 || inputIndex >= tx.inputs().size()) {
            throw new IllegalArgumentException("input " + inputIndex + " of a transaction with "
                    + tx.inputs().size() + " inputs");
        }
        this.inputIndex = inputIndex;
    }

    @Override
    public boolean checkSignature(byte[] signature, byte[] publicKey, Script scriptCode) {
        if (!StandardScripts.hasValidKeySize(publicKey, 0, publicKey.length) || signature.length == 0) {
            return false;
        }
        int hashType = signature[signature.length - 1] & 0xff;
        byte[] der = new byte[signature.length - 1];
        System.arraycopy(signature, 0, der, 0, der.length);
        Optional<DerSignature> parsed = DerSignature.parseLax(der);
        if (parsed.isEmpty()) {
            return false;
        }
        DerSignature normalized = parsed.get().normalizeLowS();
        if (!normalized.isInRange()) {
            return false;
        }
        Hash digest = SignatureHash.legacy(tx, inputIndex, scriptCode, hashType);
        return engine.verify(digest.toBytes(), normalized.encode(), publicKey);
    }
}
