package io.flint.crypto;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a {@link Secp256k1} engine. {@link #best()} is libsecp256k1 when its JNI library loads
 * and the pure-Java engine otherwise; the system property {@value #PROPERTY} ({@code native} or
 * {@code java}) forces one, for tests and for users who distrust native code.
 *
 * <p>The native library is tried at most once per JVM and the default engine is fixed the first
 * time it is asked for; both live in lazily initialised holders and never change afterwards.
 */
public final class Secp256k1Engines {
    /** System property that forces the default engine: {@code native} or {@code java}. */
    public static final String PROPERTY = "flint.secp256k1";

    private static final Logger LOG = LoggerFactory.getLogger(Secp256k1Engines.class);
    private static final JavaSecp256k1 JAVA = new JavaSecp256k1();

    private Secp256k1Engines() {}

    /** The result of the one attempt to load libsecp256k1: the engine, or why there is none. */
    private static final class NativeHolder {
        static final NativeSecp256k1 ENGINE;
        static final String FAILURE;

        static {
            NativeSecp256k1 engine = null;
            String failure = null;
            try {
                engine = NativeSecp256k1.load();
            } catch (IllegalStateException e) {
                failure = e.getMessage();
            }
            ENGINE = engine;
            FAILURE = failure;
        }
    }

    /** The default engine, chosen once; the fallback warning is logged here and only here. */
    private static final class DefaultHolder {
        static final Secp256k1 ENGINE;
        static final String ERROR;

        static {
            Secp256k1 engine = null;
            String error = null;
            try {
                engine = chooseDefault(System.getProperty(PROPERTY));
            } catch (IllegalStateException e) {
                // kept, not thrown: a class whose initialiser throws is unusable for the whole JVM
                error = e.getMessage();
            }
            ENGINE = engine;
            ERROR = error;
        }
    }

    /**
     * The default engine: the one {@value #PROPERTY} names, else native when it loads, else Java
     * (with one warning in the log the first time).
     *
     * @throws IllegalStateException if the property asks for {@code native} and it cannot load,
     *     or names an unknown engine
     */
    public static Secp256k1 best() {
        if (DefaultHolder.ENGINE == null) {
            throw new IllegalStateException(DefaultHolder.ERROR);
        }
        return DefaultHolder.ENGINE;
    }

    /**
     * The engine called {@code name} ("native" or "java", any case).
     *
     * @throws IllegalArgumentException for another name
     * @throws IllegalStateException for "native" when the library cannot load, with the reason
     */
    public static Secp256k1 named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "java" -> JAVA;
            case "native" -> nativeEngine().orElseThrow(() -> new IllegalStateException(
                    "the native secp256k1 engine is not available: " + NativeHolder.FAILURE));
            default -> throw new IllegalArgumentException(
                    "unknown secp256k1 engine '" + name + "' (expected 'native' or 'java')");
        };
    }

    /** The pure-Java engine, always available. */
    public static JavaSecp256k1 java() {
        return JAVA;
    }

    /** libsecp256k1, or empty when its JNI library cannot load on this platform. */
    public static Optional<NativeSecp256k1> nativeEngine() {
        return Optional.ofNullable(NativeHolder.ENGINE);
    }

    /** Why the native engine is unavailable, or empty when it loaded. */
    public static Optional<String> nativeFailure() {
        return Optional.ofNullable(NativeHolder.FAILURE);
    }

    static Secp256k1 chooseDefault(String forced) {
        if (forced != null && !forced.isBlank()) {
            try {
                return named(forced);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("system property " + PROPERTY + ": " + e.getMessage(), e);
            }
        }
        Optional<NativeSecp256k1> loaded = nativeEngine();
        if (loaded.isPresent()) {
            return loaded.get();
        }
        LOG.warn("libsecp256k1 is not available ({}); using the slower pure-Java secp256k1 engine",
                NativeHolder.FAILURE);
        return JAVA;
    }
}
