package io.flint.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a process holds a node's chain store: RocksDB keeps a POSIX record lock on the store's
 * {@code LOCK} file while it is open, and the JDK's {@link FileChannel#tryLock()} takes the same
 * kind of lock on Linux, so a running node (a bind-mounted container's too) makes it fail.
 */
final class ChainStoreLock {
    private ChainStoreLock() {}

    /** True when a process has the store in {@code chainDir} open; false when none does or there is no store. */
    static boolean held(Path chainDir) {
        Path lock = chainDir.resolve("LOCK");
        if (!Files.isRegularFile(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock taken = channel.tryLock();
            if (taken == null) {
                return true;
            }
            taken.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM has it open
        } catch (IOException e) {
            // cannot even open it for the probe: not ours to remove
            return true;
        }
    }
}
