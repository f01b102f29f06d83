package io.flint.crypto;

import java.util.List;

/** Both engines, for tests that must hold for each. */
final class Engines {
    private Engines() {}

    static Secp256k1 nativeEngine() {
        return Secp256k1Engines.named("native");
    }

    static Secp256k1 javaEngine() {
        return Secp256k1Engines.named("java");
    }

    static List<Secp256k1> both() {
        return List.of(nativeEngine(), javaEngine());
    }
}
