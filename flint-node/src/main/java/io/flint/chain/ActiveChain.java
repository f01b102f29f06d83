package io.flint.chain;

import java.util.ArrayList;
import java.util.List;

/**
 * The best chain as a list indexed by height. Changed by the chain's owner thread, read by any
 * thread (HTTP, miners), hence the lock: a reader never sees half a reorganisation.
 */
final class ActiveChain {
    private final List<HeaderNode> nodes = new ArrayList<>();

    synchronized HeaderNode tip() {
        return nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
    }

    synchronized long height() {
        return nodes.size() - 1L;
    }

    /** The node at {@code height}, or null above the tip or below zero. */
    synchronized HeaderNode at(long height) {
        return height < 0 || height >= nodes.size() ? null : nodes.get((int) height);
    }

    synchronized boolean contains(HeaderNode node) {
        return at(node.height()) == node;
    }

    /** Makes {@code tip} the tip: drops the nodes above the fork, appends the new branch. */
    synchronized void setTip(HeaderNode tip) {
        List<HeaderNode> branch = new ArrayList<>();
        HeaderNode n = tip;
        while (n != null && !contains(n)) {
            branch.add(n);
            n = n.parent;
        }
        long keep = n == null ? 0 : n.height() + 1;
        while (nodes.size() > keep) {
            nodes.remove(nodes.size() - 1);
        }
        for (int i = branch.size() - 1; i >= 0; i--) {
            nodes.add(branch.get(i));
        }
    }

    /** Nodes from {@code fromHeight} on, at most {@code max}. */
    synchronized List<HeaderNode> range(long fromHeight, int max) {
        List<HeaderNode> out = new ArrayList<>();
        for (long h = Math.max(0, fromHeight); h < nodes.size() && out.size() < max; h++) {
            out.add(nodes.get((int) h));
        }
        return out;
    }
}
