package io.flint.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct use of the JDK's own SHA-256 compression function, {@code
 * sun.security.provider.SHA2.implCompress}, which HotSpot replaces with the CPU's SHA
 * instructions. Going through {@code MessageDigest} costs a clone, padding and byte conversions
 * per hash; the nonce loop needs none of that. Reaching the method requires {@code --add-opens
 * java.base/sun.security.provider=ALL-UNNAMED} (the build and the launcher pass it); without it,
 * or if a JDK lays the class out differently, {@link #UNAVAILABLE_REASON} says why and callers use
 * {@code MessageDigest}.
 */
final class Sha256Compressor {
    /** SHA-256's initial hash value (FIPS 180-4, 5.3.3); never written, only copied. */
    private static final int[] IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    };

    static final int BLOCK_LENGTH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Sha256Compressor.class);
    private static final String SHA2_CLASS = "sun.security.provider.SHA2";
    private static final String SHA256_CLASS = "sun.security.provider.SHA2$SHA256";

    /** ()Object: a new SHA2$SHA256 instance. */
    private static final MethodHandle CONSTRUCTOR;
    /** (Object, byte[], int)void: compress one 64-byte block into the instance's state. */
    private static final MethodHandle COMPRESS;
    /** (Object)int[]: the instance's eight state words, updated in place by COMPRESS. */
    private static final MethodHandle STATE;
    /** Null when the handles work; otherwise why not. */
    static final String UNAVAILABLE_REASON;

    static {
        MethodHandle constructor = null;
        MethodHandle compress = null;
        MethodHandle state = null;
        String reason;
        try {
            Class<?> sha2 = Class.forName(SHA2_CLASS);
            Class<?> sha256 = Class.forName(SHA256_CLASS);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(sha2, MethodHandles.lookup());
            constructor = lookup.findConstructor(sha256, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
            compress = lookup.findVirtual(sha2, "implCompress",
                            MethodType.methodType(void.class, byte[].class, int.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
            state = lookup.findGetter(sha2, "state", int[].class)
                    .asType(MethodType.methodType(int[].class, Object.class));
            reason = selfTest(constructor, compress, state);
        } catch (Throwable e) {
            // IllegalAccessException when the package is not opened to us; others when the JDK
            // differs. Nothing here may escape: a failed class initialiser would be permanent.
            reason = e.toString();
        }
        if (reason != null) {
            constructor = null;
            compress = null;
            state = null;
            LOG.info("direct SHA-256 compression unavailable ({}); nonce scanning uses MessageDigest. "
                    + "Run with --add-opens java.base/sun.security.provider=ALL-UNNAMED for the fast path", reason);
        }
        CONSTRUCTOR = constructor;
        COMPRESS = compress;
        STATE = state;
        UNAVAILABLE_REASON = reason;
    }

    private final Object digest;
    private final int[] state;

    /** @throws IllegalStateException when {@link #isAvailable()} is false */
    Sha256Compressor() {
        if (UNAVAILABLE_REASON != null) {
            throw new IllegalStateException("direct SHA-256 compression unavailable: " + UNAVAILABLE_REASON);
        }
        try {
            this.digest = CONSTRUCTOR.invoke();
            this.state = (int[]) STATE.invoke(digest);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the JDK SHA-256 instance", e);
        }
    }

    /** Sets {@code state} to SHA-256's initial hash value. */
    static void loadIv(int[] state) {
        System.arraycopy(IV, 0, state, 0, 8);
    }

    static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /**
     * The live state words: write a chaining value here before {@link #compress}, read the
     * result after. The JDK allocates this array once per instance and only copies into it.
     */
    int[] state() {
        return state;
    }

    /** One SHA-256 compression of {@code block[offset..offset+64)} into {@link #state()}. */
    void compress(byte[] block, int offset) {
        try {
            COMPRESS.invokeExact(digest, block, offset);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks the handles against MessageDigest on a two-block message, so a JDK whose internals
     * look the same but behave differently (state copied, not updated in place) is caught.
     */
    private static String selfTest(MethodHandle constructor, MethodHandle compress, MethodHandle stateGetter)
            throws Throwable {
        byte[] message = "Flint checks the JDK's SHA-256 compression before relying on it."
                .getBytes(StandardCharsets.US_ASCII);
        byte[] padded = pad(message);
        Object digest = constructor.invoke();
        int[] state = (int[]) stateGetter.invoke(digest);
        loadIv(state);
        for (int offset = 0; offset < padded.length; offset += BLOCK_LENGTH) {
            compress.invokeExact(digest, padded, offset);
        }
        byte[] direct = new byte[32];
        for (int i = 0; i < 8; i++) {
            int word = ((int[]) stateGetter.invoke(digest))[i];
            direct[4 * i] = (byte) (word >>> 24);
            direct[4 * i + 1] = (byte) (word >>> 16);
            direct[4 * i + 2] = (byte) (word >>> 8);
            direct[4 * i + 3] = (byte) word;
        }
        if (!Arrays.equals(direct, Sha256.hash(message))) {
            return "self-test mismatch against MessageDigest";
        }
        return null;
    }

    /** SHA-256 padding: 0x80, zeros, and the bit length, to a multiple of 64 bytes. */
    static byte[] pad(byte[] message) {
        int blocks = (message.length + 8) / BLOCK_LENGTH + 1;
        byte[] padded = Arrays.copyOf(message, blocks * BLOCK_LENGTH);
        padded[message.length] = (byte) 0x80;
        long bits = (long) message.length * 8;
        for (int i = 0; i < 8; i++) {
            padded[padded.length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        return padded;
    }
}
