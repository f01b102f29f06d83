package io.flint.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.Hex;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads what a request carries (JSON bodies, ids in the path, numbers in the query) and turns
 * anything malformed into a 400 {@link ApiException} that names the field and the problem.
 */
final class Requests {
    private Requests() {}

    /**
     * The largest request body the API reads (1 MiB). A larger one is refused with 413
     * {@code too_large} however it is sent: by its Content-Length before anything is read, and a
     * chunked one (no length) once this many bytes have come, without reading the rest.
     */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** The JSON body as {@code type}; 400 when it is empty, not JSON, or of the wrong shape; 413 when too large. */
    static <T extends Record> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
        String body = text(ctx);
        if (body.isBlank()) {
            throw ApiException.badRequest("bad_json", "the request body is empty; it must be " + ApiJson.shape(type));
        }
        return ApiJson.read(mapper, body, type);
    }

    /** A JSON body that may be absent: empty when the request has no body. */
    static <T extends Record> Optional<T> optionalBody(Context ctx, ObjectMapper mapper, Class<T> type) {
        String body = text(ctx);
        return body.isBlank() ? Optional.empty() : Optional.of(ApiJson.read(mapper, body, type));
    }

    /**
     * The body as text, read through one bounded reader: Javalin's own limit looks at the
     * Content-Length only, so a chunked body of any size would be buffered in full.
     */
    private static String text(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = ctx.req().getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("bad_json", "the request body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static ApiException tooLarge() {
        return new ApiException(413, "too_large", "request body over " + MAX_BODY_BYTES + " bytes");
    }

    /** A required string field of a parsed body, stripped; blank counts as missing. */
    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
        return value.strip();
    }

    /** A required string field of a parsed body as sent, blank or not: its parser judges it. */
    static String present(String value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    private static ApiException missing(String field) {
        return ApiException.badRequest("missing_field", "the request body needs the field '" + field + "'");
    }

    /** A transaction or block hash in display order (as Bitcoin prints txids). */
    static Hash hash(String text, String what) {
        String t = text.strip();
        if (t.length() != 2 * Hash.LENGTH || !Hex.isHex(t)) {
            throw ApiException.badRequest("bad_" + what, "'" + abbreviate(t) + "' is not a " + what
                    + " (64 hex characters)");
        }
        return Hash.fromDisplayHex(t);
    }

    static Address address(String text, AddressVersion version) {
        try {
            return Address.parse(text.strip(), version);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_address", "'" + abbreviate(text.strip()) + "' is not a valid address: "
                    + e.getMessage());
        }
    }

    /**
     * A positive coin amount as a decimal string ("1.5"), exactly as sent: " 1" and "" are
     * {@code bad_amount}, as {@code flint client} and {@code flint wallet send} refuse them.
     */
    static Amount amount(String text) {
        Amount amount;
        try {
            amount = Amount.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_amount", e.getMessage());
        }
        if (amount.isZero()) {
            throw ApiException.badRequest("bad_amount", "the amount must be more than 0");
        }
        return amount;
    }

    /** An integer query parameter within [min, max], or {@code fallback} when absent. */
    static long queryLong(Context ctx, String name, long fallback, long min, long max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        // digits as in a path (/blocks/+5 is refused too): no sign but '-', no spaces, one spelling of each number
        if (!value.matches("-?[0-9]+")) {
            // a '+' in a query string is a space by the time it gets here: "?from=+3" reads " 3"
            throw ApiException.badRequest("bad_parameter", "query parameter '" + name + "' must be an integer, not '"
                    + abbreviate(value) + "'" + (value.strip().equals(value) ? ""
                            : " (no spaces, and a '+' in a query string stands for a space)"));
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            n = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // beyond a long is beyond any bound
        }
        if (n < min || n > max) {
            throw ApiException.badRequest("bad_parameter", "query parameter '" + name + "' must be between " + min
                    + " and " + max + ", not " + abbreviate(value));
        }
        return n;
    }

    static boolean hasQuery(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value != null && !value.isBlank();
    }

    /** Echoes user input in a message without letting a huge value flood it. */
    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
