package io.flint.api;

import io.javalin.Javalin;

/**
 * One group of endpoints. {@link ApiServer} registers its own groups and any extra ones it is
 * given, which is where the dashboard ({@code GET /}) and {@code /metrics} plug in.
 */
@FunctionalInterface
public interface ApiRoutes {
    void register(Javalin app);
}
