package io.flint.p2p;

import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.p2p.message.TipInfo;
import java.util.List;
import java.util.Optional;

/**
 * What the protocol engine needs of the chain. The node adapts its {@code ChainState} to this;
 * called only on the event-loop thread. For a light node the block tip is the header tip and
 * {@link #submitBlock} is never called.
 */
public interface ChainAccess {

    Hash genesisHash();

    /** The best fully validated chain (for a light node: the best header chain). */
    TipInfo blockTip();

    /** The best chain of headers known, at least as far as {@link #blockTip()}. */
    TipInfo headerTip();

    BlockSubmission submitBlock(Block block);

    /** Headers in height order, linked to each other; the first links to a known header. */
    HeaderSubmission submitHeaders(List<BlockHeader> headers);

    /**
     * Headers from {@code from} to {@code to} inclusive (fewer near the tip) of the chain this node
     * follows: the best block chain for a full node, the best header chain for a light node.
     */
    List<BlockHeader> headers(long from, long to);

    /**
     * Headers of the branch ending at header {@code target} whose blocks are not stored yet,
     * lowest first, at most {@code max}; none when that branch has no more work than the block
     * tip (or is unknown or invalid).
     */
    List<BlockHeader> missingBlocks(Hash target, int max);

    /**
     * The height up to which the branches ending at headers {@code tip} and {@code branch} are
     * the same; -1 when either is unknown.
     */
    long sharedHeight(Hash tip, Hash branch);

    /** A known header that is not invalid, as a tip (height, hash, cumulative work); empty otherwise. */
    Optional<TipInfo> knownHeader(Hash hash);

    Optional<Block> block(Hash hash);

    boolean hasBlock(Hash hash);

    boolean hasHeader(Hash hash);

    /** What became of a submitted block. */
    sealed interface BlockSubmission {
        /** Stored and valid; {@code tipChanged} when it moved the best chain (connect or reorg). */
        record Accepted(boolean tipChanged) implements BlockSubmission {}

        /** Kept aside until its parent arrives. */
        record Orphan(Hash missingParent) implements BlockSubmission {}

        record Duplicate() implements BlockSubmission {}

        record Invalid(String reason) implements BlockSubmission {}
    }

    /** What became of submitted headers. */
    sealed interface HeaderSubmission {
        /** All valid; {@code added} of them were new. */
        record Accepted(int added) implements HeaderSubmission {}

        /** The first header's parent is not known: ask from further back. */
        record Unconnected(Hash missingParent) implements HeaderSubmission {}

        /** Broken linkage, failing proof of work, or another rule. */
        record Invalid(String reason) implements HeaderSubmission {}
    }
}
