package io.flint.crypto;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Double SHA-256 of a message made of a constant 64-byte prefix and a short tail whose last four
 * bytes are a little-endian 32-bit counter, and a search for the first counter value whose hash
 * is at or below a target. This is the proof-of-work nonce loop, without knowing about blocks:
 * the prefix is hashed once (the "midstate") and each counter costs two SHA-256 compressions.
 *
 * <p>Hashes compare to the target as Bitcoin compares them: the 32 hash bytes read as a
 * little-endian 256-bit number (the byte-reversed hash is the big-endian number), the target a
 * 32-byte big-endian number.
 *
 * <p>Two implementations give identical results: {@link Path#COMPRESS} calls the JDK's SHA-256
 * compression function directly (SHA-NI speed, needs {@code --add-opens
 * java.base/sun.security.provider=ALL-UNNAMED}); {@link Path#MESSAGE_DIGEST} clones a {@code
 * MessageDigest} per counter and works everywhere. A scanner keeps work buffers: use one per
 * thread.
 */
public sealed interface DoubleSha256NonceScanner permits AbstractNonceScanner {

    /** Length of the constant prefix: one SHA-256 block. */
    int PREFIX_LENGTH = 64;

    /** Longest tail that, padded, still fits one block (64 - 1 byte 0x80 - 8 bytes length). */
    int MAX_TAIL_LENGTH = 55;

    /** Shortest tail: the counter alone. */
    int MIN_TAIL_LENGTH = 4;

    /** How the hashes are computed. */
    enum Path {
        /** The JDK's intrinsic SHA-256 compression called directly, midstate reused. */
        COMPRESS("compress"),
        /** A MessageDigest holding the prefix, cloned for every counter value. */
        MESSAGE_DIGEST("message-digest");

        private final String label;

        Path(String label) {
            this.label = label;
        }

        /** Short name for logs and benchmark tables. */
        public String label() {
            return label;
        }
    }

    /** A scanner on the fastest path this JVM allows. */
    static DoubleSha256NonceScanner create(byte[] prefix64, int tailLength) {
        return create(prefix64, tailLength, bestPath());
    }

    /**
     * A scanner on the given path.
     *
     * @throws IllegalArgumentException if the prefix is not 64 bytes or the tail length is not in
     *     [4, 55]
     * @throws IllegalStateException if {@code path} is {@link Path#COMPRESS} and this JVM does
     *     not allow it (see {@link #compressUnavailableReason()})
     */
    static DoubleSha256NonceScanner create(byte[] prefix64, int tailLength, Path path) {
        return switch (path) {
            case COMPRESS -> new CompressNonceScanner(prefix64, tailLength);
            case MESSAGE_DIGEST -> new MessageDigestNonceScanner(prefix64, tailLength);
        };
    }

    /** {@link Path#COMPRESS} when this JVM allows it, else {@link Path#MESSAGE_DIGEST}. */
    static Path bestPath() {
        return Sha256Compressor.isAvailable() ? Path.COMPRESS : Path.MESSAGE_DIGEST;
    }

    /** Why {@link Path#COMPRESS} is unavailable, or empty when it is available. */
    static Optional<String> compressUnavailableReason() {
        return Optional.ofNullable(Sha256Compressor.UNAVAILABLE_REASON);
    }

    Path path();

    int tailLength();

    /**
     * SHA-256(SHA-256(prefix || tail)).
     *
     * @throws IllegalArgumentException if the tail is not {@link #tailLength()} bytes
     */
    byte[] doubleHash(byte[] tail);

    /**
     * The first counter in {@code [startNonce, startNonce + count)} whose double hash, with the
     * counter written little-endian into the tail's last four bytes, is at or below {@code
     * target}. The caller's tail array is not modified.
     *
     * @param startNonce first counter, in [0, 2^32)
     * @param count how many counters to try; {@code startNonce + count <= 2^32} (no wrap-around)
     * @param target32 the target, 32 bytes big-endian
     * @return the counter found (as an unsigned value), or empty when none in the range is
     * @throws IllegalArgumentException for a tail of the wrong length, a target that is not 32
     *     bytes, or a range outside [0, 2^32)
     */
    OptionalLong scan(byte[] tail, long startNonce, long count, byte[] target32);
}
