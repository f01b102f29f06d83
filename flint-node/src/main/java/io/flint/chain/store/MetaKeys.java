package io.flint.chain.store;

import java.nio.charset.StandardCharsets;

/** Keys of the META column (fresh arrays each call: an array constant could be changed by anyone). */
public final class MetaKeys {
    /** The version of the storage format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private MetaKeys() {}

    /** The hash of the best chain's tip; written in the same batch as the UTXO changes that lead to it. */
    public static byte[] tip() {
        return "tip".getBytes(StandardCharsets.US_ASCII);
    }

    /** The storage format version, one byte. */
    public static byte[] version() {
        return "version".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Present once the TX column indexes every transaction of the best chain: written with the
     * genesis block, or when an older store's index has been built on open.
     */
    public static byte[] txIndex() {
        return "txindex".getBytes(StandardCharsets.US_ASCII);
    }
}
