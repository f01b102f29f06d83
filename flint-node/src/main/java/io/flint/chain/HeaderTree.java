package io.flint.chain;

import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.core.Rejection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every header the node accepted, as a tree by parent, with the set of connectable tips: nodes
 * whose whole branch is stored and not invalid, ordered by work (most first) and, on equal work,
 * by the order their data arrived, so the first seen wins. Lookups by hash are safe from any
 * thread; changes happen on the chain's owner thread.
 */
final class HeaderTree {
    private static final Comparator<HeaderNode> BY_WORK_THEN_ARRIVAL = Comparator
            .comparing((HeaderNode n) -> n.chainWork).reversed()
            .thenComparingLong(HeaderNode::sequence)
            .thenComparing(n -> n.hash);

    private final Map<Hash, HeaderNode> byHash = new ConcurrentHashMap<>();
    /** Copy-on-write lists: the API reads a block's children from its own threads ({@code next_on_branch}). */
    private final Map<Hash, List<HeaderNode>> children = new ConcurrentHashMap<>();
    /**
     * The nodes no header builds on yet, kept as headers are added so that listing the tips
     * ({@code GET /tips}) never walks the whole tree: forks are few, headers many.
     */
    private final Set<HeaderNode> leaves = ConcurrentHashMap.newKeySet();
    private final TreeSet<HeaderNode> candidates = new TreeSet<>(BY_WORK_THEN_ARRIVAL);
    private long nextSequence;
    private volatile HeaderNode bestHeader;

    HeaderNode get(Hash hash) {
        return byHash.get(hash);
    }

    int size() {
        return byHash.size();
    }

    /** Adds a header whose parent is already in the tree (or the genesis, with a null parent). */
    HeaderNode add(Hash hash, BlockHeader header, HeaderNode parent, int status) {
        HeaderNode node = new HeaderNode(hash, header, parent, status);
        byHash.put(hash, node);
        // the new leaf first: a reader in between sees one tip too many, never one too few
        leaves.add(node);
        if (parent != null) {
            children.computeIfAbsent(parent.hash, h -> new CopyOnWriteArrayList<>()).add(node);
            leaves.remove(parent);
        }
        if (!node.failed() && (bestHeader == null || node.chainWork.compareTo(bestHeader.chainWork) > 0)) {
            bestHeader = node;
        }
        return node;
    }

    List<HeaderNode> childrenOf(HeaderNode node) {
        return children.getOrDefault(node.hash, List.of());
    }

    /** The nodes without a child: the tips of the tree's branches (a snapshot; safe from any thread). */
    List<HeaderNode> leaves() {
        return List.copyOf(leaves);
    }

    /** The header with the most work that is not known invalid (its block may be missing). */
    HeaderNode bestHeader() {
        return bestHeader;
    }

    /**
     * Records that {@code node}'s block is stored; if its parent's branch is complete, it and
     * every stored descendant become connectable candidates. Returns the nodes that became so.
     */
    List<HeaderNode> dataStored(HeaderNode node) {
        node.setHasData();
        List<HeaderNode> became = new ArrayList<>();
        if (node.parent != null && !node.parent.chainHasData()) {
            return became;
        }
        Deque<HeaderNode> todo = new ArrayDeque<>();
        todo.add(node);
        while (!todo.isEmpty()) {
            HeaderNode n = todo.poll();
            if (!n.hasData() || n.failed() || n.chainHasData()) {
                continue;
            }
            n.setChainHasData(nextSequence++);
            candidates.add(n);
            became.add(n);
            todo.addAll(childrenOf(n));
        }
        return became;
    }

    /** Loading: {@code node} is connectable because its whole branch is stored. */
    void restoreConnectable(HeaderNode node) {
        node.setChainHasData(nextSequence++);
        candidates.add(node);
    }

    /** The connectable node with the most work (first arrived on a tie), or null. */
    HeaderNode bestCandidate() {
        return candidates.isEmpty() ? null : candidates.first();
    }

    /** Forgets candidates with less work than the tip: the tip's work only grows, so they can never win again. */
    void pruneCandidatesBelow(HeaderNode tip) {
        while (!candidates.isEmpty() && candidates.last().chainWork.compareTo(tip.chainWork) < 0) {
            candidates.pollLast();
        }
    }

    /**
     * Marks {@code node} invalid for {@code why} and every descendant invalid by inheritance;
     * returns all nodes whose status changed (to be stored).
     */
    List<HeaderNode> markFailed(HeaderNode node, Rejection why) {
        List<HeaderNode> changed = new ArrayList<>();
        Deque<HeaderNode> todo = new ArrayDeque<>();
        node.setFailed(why);
        candidates.remove(node);
        changed.add(node);
        todo.addAll(childrenOf(node));
        while (!todo.isEmpty()) {
            HeaderNode n = todo.poll();
            if (n.failed()) {
                continue;
            }
            candidates.remove(n);
            n.setFailed(null);
            changed.add(n);
            todo.addAll(childrenOf(n));
        }
        HeaderNode best = bestHeader;
        if (best != null && best.failed()) {
            bestHeader = null;
            for (HeaderNode n : byHash.values()) {
                if (!n.failed() && (bestHeader == null || n.chainWork.compareTo(bestHeader.chainWork) > 0)) {
                    bestHeader = n;
                }
            }
        }
        return changed;
    }
}
