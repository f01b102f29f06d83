package io.flint.p2p;

/**
 * How a block reached this node: what the slow tail of propagation is made of (docs/protocol.md).
 * Gossip announces a new block with an INV to {@code fanout} peers, and a peer that lacks it asks
 * for it; a node a gossip round missed gets it when the next block arrives as an orphan and its
 * parent is fetched; a node behind downloads it in header sync; a BLOCK nobody asked for is a push
 * (the seeds' design has none, but a peer may send one).
 */
public enum BlockPath {
    /** Asked for (GET_BLOCK) after a peer's INV announced it. */
    INV("inv"),
    /** Asked for as the missing parent of an orphan block that had arrived. */
    PARENT("parent"),
    /** Downloaded by header sync (the node was behind, or just joined). */
    SYNC("sync"),
    /** Sent without being asked for. */
    PUSH("push");

    private final String code;

    BlockPath(String code) {
        this.code = code;
    }

    /** The name in events, metrics and logs. */
    public String code() {
        return code;
    }
}
