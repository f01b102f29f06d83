package io.flint.core.script;

import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Fixed keys and the engines available on this machine, for script tests. */
final class Keys {
    private Keys() {}

    /** A valid key whose secret is 32 bytes of {@code fill}. */
    static PrivateKey key(int fill, boolean compressed) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return PrivateKey.of(secret, compressed);
    }

    /** The pure-Java engine, and libsecp256k1 when it loads here. */
    static List<Secp256k1> engines() {
        List<Secp256k1> list = new ArrayList<>();
        list.add(Secp256k1Engines.java());
        Secp256k1Engines.nativeEngine().ifPresent(list::add);
        return list;
    }
}
