package io.flint.wallet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a wallet file, held while a command reads, changes and writes its
 * public state (sending, issuing addresses, discovery), so two commands at once cannot both
 * spend the same coins or hand out the same change address. It locks a sibling {@code FILE.lock}
 * rather than the keystore itself because every keystore write replaces the file by a rename,
 * which would leave a lock on the old file. The lock file stays: deleting it would let a third
 * process lock a new file while the second still holds the old one.
 */
public final class KeystoreLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private KeystoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code keystore} without waiting.
     *
     * @throws WalletInUseException if another process or command holds it
     * @throws KeystoreException if the lock file cannot be made
     */
    public static KeystoreLock acquire(Path keystore) {
        Path absolute = keystore.toAbsolutePath();
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        FileChannel channel;
        try {
            Files.createDirectories(absolute.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new KeystoreException("cannot lock the wallet " + keystore + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new KeystoreLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by this same process (another command run in it): in use all the same
        } catch (IOException e) {
            closeQuietly(channel);
            throw new KeystoreException("cannot lock the wallet " + keystore + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new WalletInUseException("the wallet " + keystore + " is in use by another flint command; try again when it "
                + "has finished");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held any more that a caller could act on
        }
    }
}
