package io.flint.cluster;

/**
 * One entry of a node's {@code GET /peers}.
 *
 * @param status "ALIVE" or "UNREACHABLE"
 */
public record PeerView(String id, String ip, int port, String status) {
    public boolean alive() {
        return "ALIVE".equals(status);
    }
}
