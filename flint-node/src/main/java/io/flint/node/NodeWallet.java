package io.flint.node;

import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.crypto.Address;
import io.flint.crypto.Secp256k1;
import io.flint.wallet.Balance;
import io.flint.wallet.WalletTip;
import io.flint.wallet.FeeRate;
import io.flint.wallet.HdKeyDerivation;
import io.flint.wallet.IssuedAddress;
import io.flint.wallet.Keystore;
import io.flint.wallet.KeystoreCipher;
import io.flint.wallet.Mnemonic;
import io.flint.wallet.ScryptParams;
import io.flint.wallet.SignedPayment;
import io.flint.wallet.TransactionBuilder;
import io.flint.wallet.Utxo;
import io.flint.wallet.Wallet;
import io.flint.wallet.WrongPasswordException;
import io.flint.wallet.WalletSecret;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own wallet: receives its block rewards and pays peers with {@code --tx-interval}.
 * Its keystore is encrypted like any wallet; the password is {@code wallet.password} in the data
 * directory (owner-only), which is what lets an unattended node sign.
 */
public final class NodeWallet {
    private static final Logger log = LoggerFactory.getLogger(NodeWallet.class);

    private final Wallet wallet;
    private final char[] password;

    private NodeWallet(Wallet wallet, char[] password) {
        this.wallet = wallet;
        this.password = password;
    }

    static NodeWallet openOrCreate(DataDirectory dir, NetworkParams network, Secp256k1 engine, SecureRandom random) {
        Keystore keystore = new Keystore(dir.wallet(), new KeystoreCipher(random));
        HdKeyDerivation hd = new HdKeyDerivation(engine);
        TransactionBuilder builder = new TransactionBuilder(engine);
        Wallet wallet;
        char[] password;
        if (keystore.exists()) {
            password = existingPassword(dir, keystore);
            wallet = Wallet.open(keystore, hd, builder, network);
        } else {
            // a password file without a keystore (a start stopped before the wallet was written) is used
            password = dir.walletPasswordSecret(random);
            WalletSecret secret = new WalletSecret(Mnemonic.generate(random), "");
            wallet = Wallet.create(keystore, hd, builder, network, secret, password, ScryptParams.DEFAULT,
                    Keystore.IfExists.REFUSE);
            log.info("created the node wallet {} (password in {})", dir.wallet(), dir.walletPassword());
        }
        return new NodeWallet(wallet, password);
    }

    /**
     * The password of an existing keystore, checked against it: a wallet restored from a backup
     * without its {@code wallet.password} used to get a new random password written beside it,
     * and the node ran, showed its balance, and could not spend a coin (operator tester). The node
     * wallet has no recovery words to show, so it must not start that way.
     */
    private static char[] existingPassword(DataDirectory dir, Keystore keystore) {
        char[] password = dir.existingWalletPassword().orElseThrow(() -> new IllegalStateException("the node wallet "
                + dir.wallet() + " exists but its password file " + dir.walletPassword() + " does not: restore it from "
                + "the backup the wallet came from (without it the wallet's coins cannot be spent), or move "
                + dir.wallet() + " away to start with a new wallet"));
        try {
            keystore.unlock(password);
        } catch (WrongPasswordException e) {
            throw new IllegalStateException(dir.walletPassword() + " does not open the node wallet " + dir.wallet()
                    + " (are they from different backups?): restore the pair from one backup, or move " + dir.wallet()
                    + " away to start with a new wallet");
        }
        return password;
    }

    /** The address block rewards go to: the first receive address, issued on first use. */
    public synchronized Address miningAddress() {
        List<IssuedAddress> issued = wallet.issuedAddresses();
        if (issued.isEmpty()) {
            return wallet.newReceiveAddress();
        }
        return Address.parse(issued.get(0).address());
    }

    public synchronized Address newAddress() {
        return wallet.newReceiveAddress();
    }

    public synchronized List<Address> addresses() {
        return wallet.issuedAddresses().stream().map(a -> Address.parse(a.address())).toList();
    }

    public synchronized Balance balance(Collection<Utxo> utxos, long tipHeight, NetworkParams network) {
        return wallet.balance(utxos, new WalletTip(tipHeight, network.coinbaseMaturity()));
    }

    /** Builds and signs a payment; the caller submits it to the pool. */
    public synchronized SignedPayment pay(Address to, Amount amount, FeeRate rate, Collection<Utxo> utxos, long tipHeight,
            NetworkParams network, Instant at) {
        return wallet.send(password, to, amount, rate, utxos, new WalletTip(tipHeight, network.coinbaseMaturity()), at);
    }

    public Wallet wallet() {
        return wallet;
    }
}
