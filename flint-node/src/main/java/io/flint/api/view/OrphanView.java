package io.flint.api.view;

/**
 * An orphan block (parent unknown) of {@code GET /orphan}, with when it arrived.
 */
public record OrphanView(String hash, String prev, long height, int txCount, String received) {
}
