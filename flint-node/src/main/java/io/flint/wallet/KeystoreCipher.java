package io.flint.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.crypto.Hex;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Encrypts a {@link WalletSecret} under a password: scrypt(password, random salt) gives an
 * AES-256 key, AES-GCM with a random nonce encrypts the secret and authenticates the header.
 * The plaintext exists only in memory and is wiped after use.
 */
public final class KeystoreCipher {
    static final int SALT_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecureRandom random;
    private final ObjectMapper json = new ObjectMapper();

    public KeystoreCipher(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Encrypts {@code secret}; the header gets a fresh salt and nonce. */
    public KeystoreDocument seal(WalletSecret secret, char[] password, ScryptParams cost, String network,
                                 String accountXpub, KeystorePublicState publicState) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        KeystoreHeader header = new KeystoreHeader(KeystoreHeader.VERSION, network, accountXpub,
                new KeystoreHeader.Kdf(KeystoreHeader.Kdf.SCRYPT, cost.n(), cost.r(), cost.p(), Hex.encode(salt)),
                new KeystoreHeader.CipherSpec(KeystoreHeader.CipherSpec.AES_256_GCM, Hex.encode(nonce)));
        byte[] plaintext = plaintext(secret);
        byte[] key = deriveKey(password, salt, cost);
        try {
            Cipher aes = aesGcm(Cipher.ENCRYPT_MODE, key, nonce, header);
            byte[] ciphertext = aes.doFinal(plaintext);
            return new KeystoreDocument(KeystoreDocument.FORMAT, header, Hex.encode(ciphertext), publicState);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Decrypts the secret of a document whose fields {@link Keystore} has already validated.
     *
     * @throws WrongPasswordException if the password is wrong or any authenticated byte changed
     */
    public WalletSecret open(KeystoreDocument document, char[] password) {
        KeystoreHeader header = document.header();
        byte[] key = deriveKey(password, Hex.decode(header.kdf().salt()), header.kdf().params());
        byte[] plaintext = null;
        try {
            Cipher aes = aesGcm(Cipher.DECRYPT_MODE, key, Hex.decode(header.cipher().nonce()), header);
            plaintext = aes.doFinal(Hex.decode(document.ciphertext()));
            return parsePlaintext(plaintext);
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private static Cipher aesGcm(int mode, byte[] key, byte[] nonce, KeystoreHeader header) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        aes.updateAAD(header.associatedData());
        return aes;
    }

    static byte[] deriveKey(char[] password, byte[] salt, ScryptParams cost) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] passwordBytes = new byte[encoded.remaining()];
        encoded.get(passwordBytes);
        try {
            return SCrypt.generate(passwordBytes, salt, cost.n(), cost.r(), cost.p(), KEY_BYTES);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    private byte[] plaintext(WalletSecret secret) {
        ObjectNode node = json.createObjectNode();
        node.put("mnemonic", secret.mnemonic().phrase());
        node.put("passphrase", secret.passphrase());
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the wallet secret", e);
        }
    }

    private WalletSecret parsePlaintext(byte[] plaintext) {
        try {
            JsonNode node = json.readTree(plaintext);
            JsonNode mnemonic = node.get("mnemonic");
            JsonNode passphrase = node.get("passphrase");
            if (mnemonic == null || !mnemonic.isTextual() || passphrase == null || !passphrase.isTextual()) {
                throw new KeystoreException("the decrypted keystore secret lacks its mnemonic or passphrase");
            }
            return new WalletSecret(Mnemonic.parse(mnemonic.asText()), passphrase.asText());
        } catch (java.io.IOException e) {
            throw new KeystoreException("the decrypted keystore secret is not valid JSON");
        } catch (InvalidMnemonicException e) {
            throw new KeystoreException("the decrypted keystore secret holds an invalid mnemonic");
        }
    }
}
