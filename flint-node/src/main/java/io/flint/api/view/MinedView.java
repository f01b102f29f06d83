package io.flint.api.view;

/**
 * {@code POST /mine}: the block found, the address it pays, and whether it is now the tip's chain.
 */
public record MinedView(String hash, long height, int txCount, String address, boolean connected) {
}
