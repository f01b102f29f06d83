package io.flint.wallet;

import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.util.ArrayList;
import java.util.List;

/** The secp256k1 engines that run on this machine: always the Java one, the native one when it loads. */
final class Engines {
    private Engines() {}

    static List<Secp256k1> available() {
        List<Secp256k1> engines = new ArrayList<>();
        engines.add(Secp256k1Engines.java());
        Secp256k1Engines.nativeEngine().ifPresent(engines::add);
        return engines;
    }
}
