package io.flint.cluster;

/**
 * A node's {@code GET /status}, the fields the manager uses.
 *
 * @param height its best block height (a light node: its best header height)
 * @param peers how many peers it knows
 * @param mempool how many transactions are in its pool
 */
public record NodeStatus(String id, long height, String tip, int peers, int mempool, String role, String network) {}
