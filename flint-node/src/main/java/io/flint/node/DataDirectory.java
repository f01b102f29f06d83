package io.flint.node;

import io.flint.node.config.IoReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One node's directory: {@code chain/} (RocksDB), {@code api.token} (the admin token),
 * {@code wallet.json} (the node's keystore) with {@code wallet.password} (its unlock secret,
 * owner-only, like bitcoind's cookie file), {@code peers.json} (the dynamic peer table),
 * {@code running} (there while a node runs on it; left behind by one that did not stop cleanly).
 */
public record DataDirectory(Path root) {

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path chain() {
        return root.resolve("chain");
    }

    public Path apiToken() {
        return root.resolve("api.token");
    }

    /** Where {@code flint node} writes the URL a local client reaches its HTTP API at. */
    public Path apiUrl() {
        return root.resolve("api.url");
    }

    public Path wallet() {
        return root.resolve("wallet.json");
    }

    public Path walletPassword() {
        return root.resolve("wallet.password");
    }

    public Path peers() {
        return root.resolve("peers.json");
    }

    /** Written at start, removed at a clean stop ({@link RunMarker}). */
    public Path runMarker() {
        return root.resolve("running");
    }

    /** The unconfirmed transactions saved at the last clean stop ({@link PoolFile}). */
    public Path pool() {
        return root.resolve("mempool.txt");
    }

    /** Creates the directory (owner-only where the file system allows). */
    public void create() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** The admin token, created at first start (32 random bytes as hex, owner-only). */
    public String adminToken(SecureRandom random) {
        return secret(apiToken(), random);
    }

    /** The wallet's password, created at first start. */
    public char[] walletPasswordSecret(SecureRandom random) {
        return secret(walletPassword(), random).toCharArray();
    }

    /** The wallet's password when its file exists; never creates one. */
    public Optional<char[]> existingWalletPassword() {
        return existingSecret(walletPassword()).map(String::toCharArray);
    }

    private static Optional<String> existingSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException(file + " is empty; delete it to make a new one");
            }
            return Optional.of(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoReason.of(e), e);
        }
    }

    private static String secret(Path file, SecureRandom random) {
        Optional<String> existing = existingSecret(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String value = HexFormat.of().formatHex(bytes);
            writeOwnerOnly(file, value + "\n");
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + IoReason.of(e), e);
        }
    }

    /** Writes a small file atomically (temp + rename) with owner-only permissions. */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection has to do
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
