package io.flint.cluster;

/**
 * A node's {@code GET /status}, the fields the manager uses.
 *
 * @param height its best block height (a light node: its best header height)
 * @param peers how many peers it knows
 * @param peersAlive how many of those answer (-1 when the node does not say)
 * @param mempool how many transactions are in its pool
 */
public record NodeStatus(String id, long height, String tip, int peers, int peersAlive, int mempool, String role,
        String network) {
    /**
     * "3/11": answering of known peers, as the network view shows them. The known count alone
     * hides unreachability: a node every other node bans still knows all 11 while 3 answer.
     */
    public String peersText() {
        return peersAlive < 0 ? Integer.toString(peers) : peersAlive + "/" + peers;
    }
}
