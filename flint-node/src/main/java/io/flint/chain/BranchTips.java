package io.flint.chain;

import io.flint.chain.BranchTip.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Lists the tips of the header tree against one reference chain (the best chain, or a light
 * node's best header chain), as {@code getchaintips} does. Reads only immutable parent links and
 * volatile status bits, so it runs on any thread; the reference is one node, so every tip is
 * measured against the same chain even while the best chain moves.
 *
 * <p>Cost: the leaves once (a bounded heap keeps the highest), then each listed tip's walk down
 * to the reference chain, remembered so that branches sharing a stem walk it once. No node is
 * visited twice: at most the number of headers, usually a few dozen.
 */
final class BranchTips {
    /** Highest first; on a tie the reference, then by hash, so the order does not change between calls. */
    private final Comparator<HeaderNode> highestFirst;
    private final HeaderNode reference;
    /** The reference chain from its tip down, filled as far as a walk needs it. */
    private final List<HeaderNode> referenceDown = new ArrayList<>();
    /** For each node walked, the height at which its branch meets the reference chain. */
    private final Map<HeaderNode, Long> forkHeights = new HashMap<>();

    private BranchTips(HeaderNode reference) {
        this.reference = reference;
        this.highestFirst = Comparator.comparingLong(HeaderNode::height).reversed()
                .thenComparing((HeaderNode n) -> n != reference)
                .thenComparing(n -> n.hash);
        referenceDown.add(reference);
    }

    /**
     * The {@code max} highest of {@code leaves}, highest first, with {@code reference} always
     * among them (it need not be a leaf: headers may run ahead of the best chain's blocks).
     */
    static List<BranchTip> of(Collection<HeaderNode> leaves, HeaderNode reference, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, not " + max);
        }
        return new BranchTips(reference).list(leaves, max);
    }

    private List<BranchTip> list(Collection<HeaderNode> leaves, int max) {
        // lowest at the head, so the heap drops the lowest once it holds more than the others' share
        PriorityQueue<HeaderNode> highest = new PriorityQueue<>(highestFirst.reversed());
        for (HeaderNode n : leaves) {
            // a leaf on the reference chain is one the chain grew past since the leaves were read
            if (!onReference(n)) {
                highest.add(n);
                if (highest.size() > max - 1) {
                    highest.poll();
                }
            }
        }
        List<HeaderNode> tips = new ArrayList<>(highest);
        tips.add(reference);
        tips.sort(highestFirst);
        List<BranchTip> out = new ArrayList<>(tips.size());
        for (HeaderNode n : tips) {
            out.add(new BranchTip(n.height(), n.hash, n.height() - forkHeight(n), status(n)));
        }
        return out;
    }

    private Status status(HeaderNode n) {
        if (n == reference) {
            return Status.ACTIVE;
        }
        if (n.failed()) {
            // a failure is passed on to every descendant: a tip is invalid when any block below it is
            return Status.INVALID;
        }
        return n.chainHasData() ? Status.VALID_FORK : Status.HEADERS_ONLY;
    }

    private long forkHeight(HeaderNode tip) {
        List<HeaderNode> walked = new ArrayList<>();
        HeaderNode n = tip;
        Long fork = null;
        while (fork == null) {
            if (onReference(n)) {
                fork = n.height();
            } else {
                fork = forkHeights.get(n);
                if (fork == null) {
                    walked.add(n);
                    n = n.parent;
                }
            }
        }
        for (HeaderNode w : walked) {
            forkHeights.put(w, fork);
        }
        return fork;
    }

    /** Whether {@code n} lies on the reference chain; every branch meets it at the latest at genesis. */
    private boolean onReference(HeaderNode n) {
        long depth = reference.height() - n.height();
        if (depth < 0) {
            return false;
        }
        while (referenceDown.size() <= depth) {
            referenceDown.add(referenceDown.get(referenceDown.size() - 1).parent);
        }
        return referenceDown.get((int) depth) == n;
    }
}
