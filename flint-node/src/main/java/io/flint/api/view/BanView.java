package io.flint.api.view;

/**
 * A banned peer of {@code GET /blacklist}: its id, its listening endpoint ("" if unknown), why, until when
 * (ISO-8601).
 */
public record BanView(String id, String endpoint, String reason, String expires) {
}
