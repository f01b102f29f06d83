package io.flint.core;

import io.flint.crypto.Hex;
import java.util.function.Function;

/** The shared edges of decoding one whole object: hex input and "nothing may be left over". */
final class Decoding {
    private Decoding() {}

    /** Reads one object that must span all of {@code bytes}. */
    static <T> T whole(byte[] bytes, Function<ByteReader, T> read, String what) {
        ByteReader r = new ByteReader(bytes);
        T value = read.apply(r);
        r.expectEnd(what);
        return value;
    }

    /** Hex of an object's serialization; a bad character is a decode error like any other. */
    static byte[] hex(String hex, String what) {
        try {
            return Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(what + " hex: " + e.getMessage(), what + " hex", 0);
        }
    }
}
