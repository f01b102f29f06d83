package io.flint.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.flint.crypto.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The encrypted wallet file. The secret is only ever written encrypted ({@link KeystoreCipher});
 * every write replaces the file atomically with owner-only permissions ({@link AtomicFiles});
 * every read validates each field before anything is derived from it, so a damaged or hostile
 * file gets a message naming the field, not a crash.
 */
public final class Keystore {
    /** What {@link #create} does when the file already exists. */
    public enum IfExists {
        /** Refuse: an existing wallet is never lost by accident. */
        REFUSE,
        /** Replace it (the user asked with --force). */
        REPLACE
    }

    private static final Pattern NETWORK_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final Path file;
    private final KeystoreCipher cipher;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Keystore(Path file, KeystoreCipher cipher) {
        this.file = Objects.requireNonNull(file, "file");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Encrypts and writes a new keystore.
     *
     * @throws KeystoreException if the file exists and {@code ifExists} is REFUSE, or it cannot be written
     */
    public KeystoreDocument create(WalletSecret secret, char[] password, ScryptParams cost, String network,
                                   String accountXpub, IfExists ifExists) {
        checkNetworkName(network);
        if (ifExists == IfExists.REFUSE && Files.exists(file)) {
            throw new KeystoreException("a keystore already exists at " + file + "; refusing to overwrite it (use --force to replace it)");
        }
        KeystoreDocument document = cipher.seal(secret, password, cost, network, accountXpub, KeystorePublicState.EMPTY);
        write(document);
        return document;
    }

    /**
     * Reads and validates the file; needs no password.
     *
     * @throws KeystoreException naming what is missing or malformed
     */
    public KeystoreDocument read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeystoreException("no keystore at " + file + " (create one first)");
        } catch (IOException e) {
            throw new KeystoreException("cannot read keystore " + file + ": " + e.getMessage(), e);
        }
        KeystoreDocument document;
        try {
            document = json.readValue(bytes, KeystoreDocument.class);
        } catch (ValueInstantiationException e) {
            throw new KeystoreException("keystore " + file + " is malformed: " + rootMessage(e));
        } catch (JsonProcessingException e) {
            throw new KeystoreException("keystore " + file + " is not a valid keystore JSON document: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new KeystoreException("cannot read keystore " + file + ": " + e.getMessage(), e);
        }
        validate(document);
        return document;
    }

    /**
     * Decrypts the secret.
     *
     * @throws WrongPasswordException if the password is wrong or the file was altered
     */
    public WalletSecret unlock(char[] password) {
        return cipher.open(read(), password);
    }

    /** Rewrites the file with a new public state; header and ciphertext are kept byte for byte. */
    public KeystoreDocument updatePublicState(KeystorePublicState state) {
        KeystoreDocument updated = read().withPublicState(state);
        write(updated);
        return updated;
    }

    private void write(KeystoreDocument document) {
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new KeystoreException("cannot write keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private void validate(KeystoreDocument d) {
        if (!KeystoreDocument.FORMAT.equals(d.format())) {
            throw invalid("its format is '" + d.format() + "', not '" + KeystoreDocument.FORMAT + "'");
        }
        KeystoreHeader h = d.header();
        if (h.version() != KeystoreHeader.VERSION) {
            throw invalid("it has format version " + h.version() + "; this Flint reads version " + KeystoreHeader.VERSION);
        }
        if (!NETWORK_NAME.matcher(h.network()).matches()) {
            throw invalid("header.network '" + h.network() + "' is not a network name");
        }
        if (h.accountXpub().isBlank()) {
            throw invalid("header.account_xpub is empty");
        }
        if (!KeystoreHeader.Kdf.SCRYPT.equals(h.kdf().name())) {
            throw invalid("header.kdf.name is '" + h.kdf().name() + "'; only scrypt is supported");
        }
        try {
            h.kdf().params();
        } catch (IllegalArgumentException e) {
            throw invalid("header.kdf: " + e.getMessage());
        }
        checkHex(h.kdf().salt(), "header.kdf.salt", 16, 64);
        if (!KeystoreHeader.CipherSpec.AES_256_GCM.equals(h.cipher().name())) {
            throw invalid("header.cipher.name is '" + h.cipher().name() + "'; only aes-256-gcm is supported");
        }
        checkHex(h.cipher().nonce(), "header.cipher.nonce", KeystoreCipher.NONCE_BYTES, KeystoreCipher.NONCE_BYTES);
        checkHex(d.ciphertext(), "ciphertext", KeystoreCipher.TAG_BITS / 8 + 1, 4096);
    }

    private void checkHex(String value, String field, int minBytes, int maxBytes) {
        if (value == null || !Hex.isHex(value)) {
            throw invalid(field + " is not hex");
        }
        int bytes = value.length() / 2;
        if (bytes < minBytes || bytes > maxBytes) {
            throw invalid(field + " is " + bytes + " bytes, expected "
                    + (minBytes == maxBytes ? String.valueOf(minBytes) : minBytes + " to " + maxBytes));
        }
    }

    private KeystoreException invalid(String why) {
        return new KeystoreException("keystore " + file + " is invalid: " + why);
    }

    private static void checkNetworkName(String network) {
        if (!NETWORK_NAME.matcher(network).matches()) {
            throw new IllegalArgumentException("network name '" + network + "' must be lower-case letters, digits, '-' or '_'");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
