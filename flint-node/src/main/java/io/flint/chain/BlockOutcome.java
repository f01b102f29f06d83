package io.flint.chain;

import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.Rejection;
import java.util.List;

/** What {@link ChainState#submitBlock} did with a block. */
public sealed interface BlockOutcome {
    /** The submitted block's hash. */
    Hash hash();

    /** The best chain grew by {@code connected} (the block, and any stored descendants it completed). */
    record Connected(Hash hash, List<Block> connected, ChainTip tip) implements BlockOutcome {
        public Connected {
            connected = List.copyOf(connected);
        }
    }

    /**
     * The best chain switched branch: {@code disconnected} (old tip first) were taken off,
     * {@code connected} (lowest first) put on.
     */
    record Reorganized(Hash hash, List<Block> disconnected, List<Block> connected, ChainTip tip)
            implements BlockOutcome {
        public Reorganized {
            disconnected = List.copyOf(disconnected);
            connected = List.copyOf(connected);
        }
    }

    /**
     * Valid as far as it could be checked and stored, but not on the best chain: its branch has
     * no more work than the tip, or ({@code ahead}) an earlier block of its branch is still
     * missing, as for blocks downloaded ahead of their parents during sync. Those connect later
     * and are not forks.
     */
    record SideBranch(Hash hash, boolean ahead) implements BlockOutcome {}

    /** Its parent is unknown; kept among the orphans until the parent arrives. */
    record Orphan(Hash hash, Hash parent) implements BlockOutcome {}

    /** Already stored (or already waiting as an orphan). */
    record Duplicate(Hash hash) implements BlockOutcome {}

    /** It broke a rule; the block and its descendants are remembered as invalid. */
    record Rejected(Hash hash, Rejection rejection) implements BlockOutcome {}

    /** True when the block is now stored (on the best chain or not). */
    default boolean isStored() {
        return this instanceof Connected || this instanceof Reorganized || this instanceof SideBranch;
    }
}
