package io.flint.core.script;

import io.flint.core.Transaction;
import io.flint.crypto.Hex;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.PublicKey;
import io.flint.crypto.Secp256k1;
import java.util.Arrays;
import java.util.Objects;

/**
 * Signs inputs of a transaction: legacy signature hash, strict-DER low-S ECDSA (RFC 6979) with an
 * injected engine, the sighash-type byte appended, and the scriptSig filled in. Signing input
 * {@code i} with ALL commits to every other input's outpoint and sequence but not its script, so
 * inputs can be signed in any order.
 */
public final class TransactionSigner {
    private final Secp256k1 engine;

    public TransactionSigner(Secp256k1 engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** The script signature (DER + hash-type byte) of input {@code index} for {@code scriptCode}. */
    public byte[] signature(Transaction tx, int index, Script scriptCode, PrivateKey key, SigHashType type) {
        byte[] digest = SignatureHash.legacy(tx, index, scriptCode, type.value()).toBytes();
        byte[] der = key.sign(digest, engine);
        byte[] sig = Arrays.copyOf(der, der.length + 1);
        sig[der.length] = (byte) type.value();
        return sig;
    }

    /**
     * Signs input {@code index}, which spends a P2PKH output, and returns the transaction with
     * its scriptSig {@code <sig> <pubkey>} set.
     *
     * @throws IllegalArgumentException if {@code prevScriptPubKey} is not P2PKH to this key's hash
     */
    public Transaction signP2pkh(Transaction tx, int index, Script prevScriptPubKey, PrivateKey key,
            SigHashType type) {
        PublicKey pub = key.publicKey(engine);
        byte[] expected = StandardScripts.p2pkhHash(prevScriptPubKey).orElseThrow(() ->
                new IllegalArgumentException("input " + index + " spends a script that is not P2PKH: "
                        + prevScriptPubKey.toAsm()));
        if (!Arrays.equals(expected, pub.hash160())) {
            throw new IllegalArgumentException("input " + index + " pays to key hash " + Hex.encode(expected)
                    + ", but this key hashes to " + Hex.encode(pub.hash160()));
        }
        byte[] sig = signature(tx, index, prevScriptPubKey, key, type);
        return tx.withScriptSig(index, StandardScripts.p2pkhScriptSig(sig, pub.bytes()));
    }

    /**
     * Signs input {@code index}, which spends a P2PK output, and returns the transaction with its
     * scriptSig {@code <sig>} set.
     *
     * @throws IllegalArgumentException if {@code prevScriptPubKey} is not P2PK to this key
     */
    public Transaction signP2pk(Transaction tx, int index, Script prevScriptPubKey, PrivateKey key,
            SigHashType type) {
        byte[] expected = StandardScripts.p2pkPublicKey(prevScriptPubKey).orElseThrow(() ->
                new IllegalArgumentException("input " + index + " spends a script that is not P2PK: "
                        + prevScriptPubKey.toAsm()));
        if (!Arrays.equals(expected, key.publicKey(engine).bytes())) {
            throw new IllegalArgumentException("input " + index + " pays to key " + Hex.encode(expected)
                    + ", which is not this key's public key");
        }
        byte[] sig = signature(tx, index, prevScriptPubKey, key, type);
        return tx.withScriptSig(index, StandardScripts.p2pkScriptSig(sig));
    }
}
