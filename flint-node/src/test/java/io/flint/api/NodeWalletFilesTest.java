package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node wallet's two files, as a backup restores them: a keystore without its password file,
 * or with another wallet's, is refused at start (it used to get a new random password, and the
 * node ran with coins it could never spend); a password file alone becomes the new wallet's.
 */
class NodeWalletFilesTest {
    @TempDir
    Path dir;

    @Test
    void aKeystoreWithoutItsPasswordFileIsRefusedAndNoPasswordIsWritten() {
        Path data = dir.resolve("n");
        String address;
        try (ApiNode n = new ApiNode("w", data, ApiOptions.DEFAULTS)) {
            address = n.node.payoutAddress().toString();
        }
        Path password = data.resolve("wallet.password");
        byte[] original = read(password);
        delete(password);

        assertThatThrownBy(() -> new ApiNode("w", data, ApiOptions.DEFAULTS).close())
                .hasMessage("the node wallet " + data.resolve("wallet.json") + " exists but its password file " + password
                        + " does not: restore it from the backup the wallet came from (without it the wallet's coins "
                        + "cannot be spent), or move " + data.resolve("wallet.json") + " away to start with a new wallet");
        assertThat(password).as("no new password beside the old keystore").doesNotExist();

        write(password, original);
        try (ApiNode again = new ApiNode("w", data, ApiOptions.DEFAULTS)) {
            assertThat(again.node.payoutAddress().toString()).isEqualTo(address);
        }
    }

    @Test
    void aPasswordFileFromAnotherWalletIsRefused() {
        Path first = dir.resolve("a");
        Path second = dir.resolve("b");
        new ApiNode("a", first, ApiOptions.DEFAULTS).close();
        new ApiNode("b", second, ApiOptions.DEFAULTS).close();
        write(first.resolve("wallet.password"), read(second.resolve("wallet.password")));

        assertThatThrownBy(() -> new ApiNode("a", first, ApiOptions.DEFAULTS).close())
                .hasMessageStartingWith(first.resolve("wallet.password") + " does not open the node wallet "
                        + first.resolve("wallet.json") + " (are they from different backups?)");
    }

    @Test
    void aPasswordFileWithoutAKeystoreBecomesTheNewWalletsPassword() {
        // a first start stopped after writing the password, before the keystore
        Path data = dir.resolve("c");
        write(data.resolve("wallet.password"), "0123456789abcdef\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        new ApiNode("c", data, ApiOptions.DEFAULTS).close();
        try (ApiNode again = new ApiNode("c", data, ApiOptions.DEFAULTS)) {
            assertThat(read(data.resolve("wallet.password"))).asString().isEqualTo("0123456789abcdef\n");
            assertThat(again.node.wallet().addresses()).isNotEmpty();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
