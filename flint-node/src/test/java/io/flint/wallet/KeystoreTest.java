package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flint.crypto.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreTest {
    /** Cheap enough for unit tests; the default is 2^15. */
    static final ScryptParams TEST_COST = new ScryptParams(1 << 10, 8, 1);
    /** Every word has a letter outside a-f, so none can appear inside the file's hex by chance. */
    static final String PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    static final String XPUB = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";
    static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    @Test
    void roundTripGivesBackTheSecret() {
        Keystore keystore = keystore("w.json");
        WalletSecret secret = new WalletSecret(Mnemonic.parse(PHRASE), "extra words");
        KeystoreDocument created = keystore.create(secret, PASSWORD, TEST_COST, "demo", XPUB, Keystore.IfExists.REFUSE);

        WalletSecret back = keystore.unlock(PASSWORD);
        assertThat(back).isEqualTo(secret);
        assertThat(back.seed()).isEqualTo(secret.seed());

        KeystoreDocument read = keystore.read();
        assertThat(read).isEqualTo(created);
        assertThat(read.header().network()).isEqualTo("demo");
        assertThat(read.header().accountXpub()).isEqualTo(XPUB);
        assertThat(read.header().kdf().params()).isEqualTo(TEST_COST);
        assertThat(read.publicState()).isEqualTo(KeystorePublicState.EMPTY);
    }

    @Test
    void saltAndNonceAreFreshForEveryFile() {
        WalletSecret secret = new WalletSecret(Mnemonic.parse(PHRASE), "");
        KeystoreDocument a = keystore("a.json").create(secret, PASSWORD, TEST_COST, "demo", XPUB, Keystore.IfExists.REFUSE);
        KeystoreDocument b = keystore("b.json").create(secret, PASSWORD, TEST_COST, "demo", XPUB, Keystore.IfExists.REFUSE);
        assertThat(a.header().kdf().salt()).isNotEqualTo(b.header().kdf().salt());
        assertThat(a.header().cipher().nonce()).isNotEqualTo(b.header().cipher().nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    }

    @Test
    void wrongPasswordIsAClearErrorAndChangesNothing() throws IOException {
        Keystore keystore = createDefault("w.json");
        byte[] before = Files.readAllBytes(keystore.file());

        assertThatThrownBy(() -> keystore.unlock("correct horse battery stapler".toCharArray()))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessage("wrong password or corrupted keystore");
        assertThat(Files.readAllBytes(keystore.file())).isEqualTo(before);
        assertThat(keystore.unlock(PASSWORD).mnemonic().phrase()).isEqualTo(PHRASE);
    }

    @Test
    void alteredCiphertextFailsAuthentication() throws IOException {
        Keystore keystore = createDefault("w.json");
        String ciphertext = keystore.read().ciphertext();
        char first = ciphertext.charAt(10);
        String flipped = ciphertext.substring(0, 10) + (first == '0' ? '1' : '0') + ciphertext.substring(11);
        replaceInFile(keystore.file(), ciphertext, flipped);

        assertThatThrownBy(() -> keystore.unlock(PASSWORD)).isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void everyHeaderFieldIsAuthenticated() throws IOException {
        Keystore keystore = createDefault("w.json");
        KeystoreHeader header = keystore.read().header();
        String otherXpub = "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB";
        List<String[]> edits = List.of(
                new String[] {"\"network\" : \"demo\"", "\"network\" : \"regtest\""},
                new String[] {XPUB, otherXpub},
                new String[] {"\"r\" : 8", "\"r\" : 9"},
                new String[] {header.kdf().salt(), flipLastHexDigit(header.kdf().salt())},
                new String[] {header.cipher().nonce(), flipLastHexDigit(header.cipher().nonce())});
        byte[] original = Files.readAllBytes(keystore.file());
        for (String[] edit : edits) {
            Files.write(keystore.file(), original);
            replaceInFile(keystore.file(), edit[0], edit[1]);
            assertThat(Files.readAllBytes(keystore.file())).as("edit %s applied", edit[0]).isNotEqualTo(original);
            assertThatThrownBy(() -> keystore.unlock(PASSWORD)).as("after changing %s", edit[0])
                    .isInstanceOf(WrongPasswordException.class);
        }
        Files.write(keystore.file(), original);
        assertThat(keystore.unlock(PASSWORD).mnemonic().phrase()).isEqualTo(PHRASE);
    }

    @Test
    void fileHoldsNoMnemonicWordNoSeedAndNoEntropyInClear() throws IOException {
        Keystore keystore = keystore("w.json");
        Mnemonic mnemonic = Mnemonic.parse(PHRASE);
        WalletSecret secret = new WalletSecret(mnemonic, "my passphrase");
        keystore.create(secret, PASSWORD, TEST_COST, "demo", XPUB, Keystore.IfExists.REFUSE);

        String text = Files.readString(keystore.file(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        for (String word : mnemonic.words()) {
            assertThat(text).doesNotContain(word);
        }
        assertThat(text).doesNotContain(Hex.encode(secret.seed()));
        assertThat(text).doesNotContain(Hex.encode(mnemonic.entropy()));
        assertThat(text).doesNotContain("my passphrase");
        assertThat(text).doesNotContain(new String(PASSWORD));
    }

    @Test
    void fileIsReadableAndWritableByItsOwnerOnly() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX filesystem");
        Keystore keystore = createDefault("w.json");
        assertThat(Files.getPosixFilePermissions(keystore.file()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        keystore.updatePublicState(KeystorePublicState.EMPTY.withIssued(new IssuedAddress(AddressChain.RECEIVE, 0, "1abc")));
        assertThat(Files.getPosixFilePermissions(keystore.file()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void updatesReplaceTheFileByRenameAndLeaveNoTemporaryFiles() throws IOException {
        Keystore keystore = createDefault("w.json");
        KeystoreDocument before = keystore.read();
        Object inodeBefore = Files.readAttributes(keystore.file(), BasicFileAttributes.class).fileKey();

        IssuedAddress issued = new IssuedAddress(AddressChain.RECEIVE, 0, "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
        KeystoreDocument after = keystore.updatePublicState(before.publicState().withIssued(issued));

        assertThat(keystore.read()).isEqualTo(after);
        assertThat(after.publicState().nextReceiveIndex()).isEqualTo(1);
        assertThat(after.publicState().addresses()).containsExactly(issued);
        assertThat(after.header()).isEqualTo(before.header());
        assertThat(after.ciphertext()).isEqualTo(before.ciphertext());
        assertThat(keystore.unlock(PASSWORD).mnemonic().phrase()).isEqualTo(PHRASE);
        Object inodeAfter = Files.readAttributes(keystore.file(), BasicFileAttributes.class).fileKey();
        if (inodeBefore != null) {
            assertThat(inodeAfter).as("a new file was renamed into place").isNotEqualTo(inodeBefore);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("w.json");
        }
    }

    @Test
    void creatingOverAnExistingKeystoreIsRefusedUnlessReplacing() throws IOException {
        Keystore keystore = createDefault("w.json");
        byte[] before = Files.readAllBytes(keystore.file());
        WalletSecret other = new WalletSecret(Mnemonic.fromEntropy(new byte[16]), "");

        assertThatThrownBy(() -> keystore.create(other, PASSWORD, TEST_COST, "demo", XPUB, Keystore.IfExists.REFUSE))
                .isInstanceOf(KeystoreException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("--force");
        assertThat(Files.readAllBytes(keystore.file())).isEqualTo(before);

        keystore.create(other, PASSWORD, TEST_COST, "demo", XPUB, Keystore.IfExists.REPLACE);
        assertThat(keystore.unlock(PASSWORD)).isEqualTo(other);
    }

    @Test
    void missingOrForeignFilesAreNamedProblems() throws IOException {
        Keystore missing = keystore("nothing.json");
        assertThatThrownBy(missing::read).isInstanceOf(KeystoreException.class).hasMessageContaining("no keystore at");

        Path notJson = dir.resolve("bad.json");
        Files.writeString(notJson, "{\"format\": \"flint-keystore\", ");
        assertThatThrownBy(() -> keystore("bad.json").read())
                .isInstanceOf(KeystoreException.class).hasMessageContaining("not a valid keystore JSON").hasMessageContaining("line 1");

        Files.writeString(dir.resolve("other.json"), "{\"format\": \"something-else\", \"header\": "
                + headerJson(1, "scrypt", 1024, "00112233445566778899aabbccddeeff", "000102030405060708090a0b")
                + ", \"ciphertext\": \"00112233445566778899aabbccddeeff00\"}");
        assertThatThrownBy(() -> keystore("other.json").read()).hasMessageContaining("format is 'something-else'");
    }

    @Test
    void hostileOrNewerHeadersAreRejectedBeforeAnyWork() throws IOException {
        String salt = "00112233445566778899aabbccddeeff";
        String nonce = "000102030405060708090a0b";
        assertRejected(headerJson(2, "scrypt", 1024, salt, nonce), "format version 2");
        assertRejected(headerJson(1, "pbkdf2", 1024, salt, nonce), "only scrypt");
        assertRejected(headerJson(1, "scrypt", 1 << 30, salt, nonce), "header.kdf");
        assertRejected(headerJson(1, "scrypt", 1000, salt, nonce), "power of two");
        assertRejected(headerJson(1, "scrypt", 1024, "0011", nonce), "header.kdf.salt is 2 bytes");
        assertRejected(headerJson(1, "scrypt", 1024, salt, "0001"), "header.cipher.nonce is 2 bytes");
        assertRejected(headerJson(1, "scrypt", 1024, "zz" + salt, nonce), "header.kdf.salt is not hex");
    }

    private void assertRejected(String header, String expected) throws IOException {
        Files.writeString(dir.resolve("h.json"), "{\"format\": \"flint-keystore\", \"header\": " + header
                + ", \"ciphertext\": \"00112233445566778899aabbccddeeff00\"}");
        assertThatThrownBy(() -> keystore("h.json").read()).isInstanceOf(KeystoreException.class).hasMessageContaining(expected);
    }

    private static String headerJson(int version, String kdf, int n, String salt, String nonce) {
        return "{\"version\": " + version + ", \"network\": \"demo\", \"account_xpub\": \"" + XPUB + "\", "
                + "\"kdf\": {\"name\": \"" + kdf + "\", \"n\": " + n + ", \"r\": 8, \"p\": 1, \"salt\": \"" + salt + "\"}, "
                + "\"cipher\": {\"name\": \"aes-256-gcm\", \"nonce\": \"" + nonce + "\"}}";
    }

    private Keystore createDefault(String name) {
        Keystore keystore = keystore(name);
        keystore.create(new WalletSecret(Mnemonic.parse(PHRASE), ""), PASSWORD, TEST_COST, "demo", XPUB, Keystore.IfExists.REFUSE);
        return keystore;
    }

    private Keystore keystore(String name) {
        return new Keystore(dir.resolve(name), new KeystoreCipher(secureRandom()));
    }

    static SecureRandom secureRandom() {
        return new SecureRandom();
    }

    private static void replaceInFile(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static String flipLastHexDigit(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == 'f' ? 'e' : 'f');
    }
}
