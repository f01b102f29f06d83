package io.flint.chain;

import io.flint.core.Hash;
import io.flint.core.Rejection;
import java.util.List;

/** What {@link ChainState#submitHeaders} did with a batch of headers. */
public sealed interface HeadersOutcome {
    /**
     * All headers were valid; {@code added} of them were new. {@code missingBlocks} are the blocks
     * of the best header chain not stored yet, lowest first (at most a few hundred): fetch these.
     */
    record Accepted(int added, List<Hash> missingBlocks) implements HeadersOutcome {
        public Accepted {
            missingBlocks = List.copyOf(missingBlocks);
        }
    }

    /** The first header's parent is unknown: ask for earlier headers. */
    record Unconnected(Hash missingParent) implements HeadersOutcome {}

    /** Header {@code hash} broke a rule; the {@code added} headers before it were kept. */
    record Rejected(Hash hash, Rejection rejection, int added) implements HeadersOutcome {}
}
