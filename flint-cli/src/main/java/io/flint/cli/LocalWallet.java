package io.flint.cli;

import io.flint.core.NetworkParams;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import io.flint.wallet.HdKeyDerivation;
import io.flint.wallet.Keystore;
import io.flint.wallet.KeystoreCipher;
import io.flint.wallet.KeystoreException;
import io.flint.wallet.KeystoreLock;
import io.flint.wallet.ScryptParams;
import io.flint.wallet.TransactionBuilder;
import io.flint.wallet.Wallet;
import io.flint.wallet.WalletSecret;
import io.flint.node.config.IoReason;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/** The wallet file on this machine: where it is by default, opening and creating it. */
final class LocalWallet {
    private LocalWallet() {}

    /** $FLINT_HOME/wallet.json, else ~/.flint/wallet.json. */
    static Path defaultFile(Map<String, String> env) {
        return flintHome(env).resolve("wallet.json");
    }

    /** Where the command line keeps the user's files: $FLINT_HOME, else ~/.flint. */
    static Path flintHome(Map<String, String> env) {
        String home = env.get("FLINT_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".flint");
    }

    private static Keystore keystore(Path file) {
        return new Keystore(file, new KeystoreCipher(new SecureRandom()));
    }

    /** Opens the keystore at {@code file} for the network it was made for. */
    static Wallet open(Path file) {
        Keystore keystore = keystore(file);
        if (!keystore.exists()) {
            throw new UserError("no wallet at " + file + " (make one with 'flint wallet create', or give --wallet FILE)");
        }
        Secp256k1 engine = Secp256k1Engines.best();
        try {
            NetworkParams params = NetworkParams.byName(keystore.read().header().network());
            return Wallet.open(keystore, new HdKeyDerivation(engine), new TransactionBuilder(engine), params);
        } catch (KeystoreException e) {
            throw new UserError(e.getCause() instanceof IOException io ? unreadable(file, io) : e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The keystore's own message for a file it cannot read repeats the path where the reason should be. */
    private static String unreadable(Path file, IOException e) {
        return "cannot read the wallet " + file + ": " + IoReason.of(e);
    }

    /**
     * Locks the wallet file for a command that changes it; a second such command at once gets a
     * one-line error instead of spending the same coins or handing out the same address.
     */
    static KeystoreLock lock(Path file) {
        try {
            return KeystoreLock.acquire(file);
        } catch (KeystoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    static Wallet create(Path file, NetworkParams params, WalletSecret secret, char[] password, boolean replace,
                         boolean restored) {
        Secp256k1 engine = Secp256k1Engines.best();
        try {
            return Wallet.create(keystore(file), new HdKeyDerivation(engine), new TransactionBuilder(engine), params, secret,
                    password, ScryptParams.DEFAULT, replace ? Keystore.IfExists.REPLACE : Keystore.IfExists.REFUSE, restored);
        } catch (KeystoreException e) {
            throw new UserError(e.getMessage());
        }
    }
}
