package io.flint.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The least free space a node keeps on the disk of its data directory. Below it the node does
 * not start, and a running node stops, before a block write fails half-way through a sync (as
 * Bitcoin Core does below 50 MiB). A write that fails anyway (another process filled the disk
 * in between) stops the node too; the floor only makes that the rare case.
 *
 * @param bytes the floor; 0 turns the check off
 */
public record FreeSpaceFloor(long bytes) {
    /** Bitcoin Core's floor: room for a few dozen full blocks and their undo data. */
    public static final FreeSpaceFloor DEFAULT = new FreeSpaceFloor(50L << 20);
    public static final FreeSpaceFloor OFF = new FreeSpaceFloor(0);

    public FreeSpaceFloor {
        if (bytes < 0) {
            throw new IllegalArgumentException("the free-space floor must not be negative, got " + bytes);
        }
    }

    public static FreeSpaceFloor ofMebibytes(long mebibytes) {
        if (mebibytes < 0 || mebibytes > (Long.MAX_VALUE >> 20)) {
            throw new IllegalArgumentException("--min-free-space must be 0 or more MiB, got " + mebibytes);
        }
        return new FreeSpaceFloor(mebibytes << 20);
    }

    /**
     * What is wrong with the disk of {@code directory} (or of its nearest existing parent), or
     * empty when it has at least the floor free, the check is off, or the free space cannot be
     * read (then the node goes on: a write that fails still stops it).
     */
    public Optional<String> shortfall(Path directory) {
        if (bytes == 0) {
            return Optional.empty();
        }
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        long usable;
        try {
            usable = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (usable >= bytes) {
            return Optional.empty();
        }
        return Optional.of("only " + mebibytes(usable) + " free on the disk of " + directory + ", below the "
                + mebibytes(bytes) + " a node keeps free for its blocks (--min-free-space)");
    }

    /** Why a node may not start on {@code directory}, with what to do; empty when it may. */
    public Optional<String> startRefusal(Path directory) {
        return shortfall(directory).map(s -> s + ": free some space or give the node another --data-dir");
    }

    /** Whole MiB, or KiB under one MiB, so "0 MiB" never hides the few kilobytes that are left. */
    static String mebibytes(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
