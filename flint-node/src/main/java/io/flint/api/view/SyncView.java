package io.flint.api.view;

/**
 * How far chain sync has come: {@code phase} IDLE, HEADERS or BLOCKS; {@code best_known_height} the highest
 * tip a peer has shown.
 */
public record SyncView(String phase, long height, long bestKnownHeight, long downloaded, double blocksPerSecond,
        int inFlight) {
}
