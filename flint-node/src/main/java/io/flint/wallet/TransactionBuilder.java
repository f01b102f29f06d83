package io.flint.wallet;

import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptFlag;
import io.flint.core.script.ScriptInterpreter;
import io.flint.core.script.ScriptResult;
import io.flint.core.script.SigHashType;
import io.flint.core.script.StandardScripts;
import io.flint.core.script.TransactionSigner;
import io.flint.crypto.Address;
import io.flint.crypto.Hex;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link CoinSelection.Selection} into a signed transaction: a P2PKH output to the
 * recipient, a P2PKH change output back to the wallet when there is change, every input signed
 * SIGHASH_ALL with the key its script pays to. Before returning, each input is run through the
 * script interpreter under consensus flags, so a transaction that would be rejected never leaves.
 */
public final class TransactionBuilder {
    /** Legacy transactions; Flint has no relative lock times. */
    public static final int TX_VERSION = 1;

    /** Finds the private key for a 20-byte public key hash, if the wallet has it. */
    @FunctionalInterface
    public interface KeyLookup {
        Optional<PrivateKey> keyFor(byte[] pubKeyHash);
    }

    private final Secp256k1 engine;
    private final TransactionSigner signer;

    public TransactionBuilder(Secp256k1 engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.signer = new TransactionSigner(engine);
    }

    /**
     * The unsigned transaction: inputs in selection order, then outputs recipient first, change second.
     *
     * @param changeAddress where change goes; may be null only when the selection has no change
     */
    public Transaction unsigned(CoinSelection.Selection selection, Address recipient, Address changeAddress) {
        Objects.requireNonNull(recipient, "recipient");
        List<TxIn> inputs = new ArrayList<>();
        for (Utxo utxo : selection.inputs()) {
            inputs.add(TxIn.unsigned(utxo.outPoint()));
        }
        List<TxOut> outputs = new ArrayList<>();
        outputs.add(new TxOut(selection.amount(), StandardScripts.p2pkh(recipient.hash160())));
        if (selection.hasChange()) {
            if (changeAddress == null) {
                throw new IllegalArgumentException("the selection has change of " + selection.change() + " but no change address was given");
            }
            outputs.add(new TxOut(selection.change(), StandardScripts.p2pkh(changeAddress.hash160())));
        }
        return new Transaction(TX_VERSION, inputs, outputs, 0);
    }

    /**
     * Signs every input of {@code unsigned}, input i spending {@code spent.get(i)}.
     *
     * @throws IllegalArgumentException if an input spends a script that is not P2PKH, its key is
     *     not known, or {@code spent} does not match the inputs
     * @throws IllegalStateException if a signed input fails verification (a bug, never expected)
     */
    public Transaction sign(Transaction unsigned, List<Utxo> spent, KeyLookup keys) {
        if (spent.size() != unsigned.inputs().size()) {
            throw new IllegalArgumentException("the transaction has " + unsigned.inputs().size() + " inputs but "
                    + spent.size() + " spent outputs were given");
        }
        Transaction tx = unsigned;
        for (int i = 0; i < spent.size(); i++) {
            Utxo utxo = spent.get(i);
            if (!utxo.outPoint().equals(tx.input(i).prevout())) {
                throw new IllegalArgumentException("input " + i + " spends " + tx.input(i).prevout() + ", not " + utxo.outPoint());
            }
            Script script = utxo.scriptPubKey();
            int index = i;
            byte[] keyHash = StandardScripts.p2pkhHash(script).orElseThrow(() -> new IllegalArgumentException(
                    "input " + index + " spends a script that is not P2PKH: " + script.toAsm()));
            PrivateKey key = keys.keyFor(keyHash).orElseThrow(() -> new IllegalArgumentException(
                    "input " + index + " pays to key hash " + Hex.encode(keyHash) + ", which is not one of this wallet's keys"));
            tx = signer.signP2pkh(tx, i, script, key, SigHashType.ALL);
        }
        for (int i = 0; i < spent.size(); i++) {
            ScriptResult result = ScriptInterpreter.verifyInput(tx, i, spent.get(i).scriptPubKey(), ScriptFlag.STANDARD, engine);
            if (!result.isOk()) {
                throw new IllegalStateException("signed input " + i + " does not verify: " + result.message());
            }
        }
        return tx;
    }

    /** {@link #unsigned} then {@link #sign}. */
    public Transaction buildSigned(CoinSelection.Selection selection, Address recipient, Address changeAddress, KeyLookup keys) {
        return sign(unsigned(selection, recipient, changeAddress), selection.inputs(), keys);
    }
}
