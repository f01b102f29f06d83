package io.flint.api.view;

/**
 * How far chain sync has come: {@code phase} IDLE, HEADERS or BLOCKS; {@code best_known_height} the highest
 * tip a peer has shown; {@code height} is the block tip's, a light node's header tip's; {@code downloaded}
 * counts the blocks (a light node: the headers) sync added since the node started, each once; {@code stalled}
 * is null, or the lowest block requests to peers keep failing to bring.
 */
public record SyncView(String phase, long height, long bestKnownHeight, long downloaded, double blocksPerSecond,
        int inFlight, Stalled stalled) {
    /** A block download cannot get past: its height, hash, the unanswered requests and the peers asked. */
    public record Stalled(long height, String hash, int requests, java.util.List<String> peers) {}
}
