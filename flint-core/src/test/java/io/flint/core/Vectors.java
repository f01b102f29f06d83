package io.flint.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads a test-vector file from {@code src/test/resources/vectors/} (see its README for sources). */
public final class Vectors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Vectors() {}

    public static JsonNode load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test vector file missing from the classpath: vectors/" + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bitcoin Core's files mark comment rows as arrays holding one string. */
    public static boolean isComment(JsonNode row) {
        return row.size() == 1 && row.get(0).isTextual();
    }

    /** The one summary line per vector file the build output shows. */
    public static void report(String file, String summary) {
        System.out.println("[vectors] " + file + ": " + summary);
    }
}
