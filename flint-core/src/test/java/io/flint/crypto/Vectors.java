package io.flint.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the published test vectors copied under {@code src/test/resources/vectors/}. */
final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {}

    static JsonNode load(String fileName) {
        String resource = "/vectors/" + fileName;
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test vector file not on the classpath: " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The one-line count summary every vector-driven test prints. */
    static void report(String fileName, String detail) {
        System.out.println("[vectors] " + fileName + ": " + detail);
    }
}
