package io.flint.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin check: {@code Authorization: Bearer <token>} with the node's token (the contents of
 * {@code <data-dir>/api.token}). Compared in constant time, so the time of a refusal does not
 * tell how much of a guess was right.
 */
final class AdminAuth {
    private static final String PREFIX = "Bearer ";
    private final byte[] token;

    AdminAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token is empty");
        }
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code handler} behind the check: a missing or wrong token is a 401 and the handler never runs. */
    Handler require(Handler handler) {
        return ctx -> {
            check(ctx);
            handler.handle(ctx);
        };
    }

    private void check(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "this endpoint needs the header 'Authorization: Bearer TOKEN' "
                    + "with the node's admin token (the file api.token in its data directory)");
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "the Authorization header must be 'Bearer TOKEN'");
        }
        byte[] given = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiException(401, "unauthorized", "the admin token is wrong");
        }
    }
}
