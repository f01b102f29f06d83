package io.flint.chain;

import io.flint.core.Hash;
import java.util.Locale;

/**
 * The tip of one branch of the header tree, as Bitcoin Core's {@code getchaintips} gives it: the
 * best chain's tip, or the last block of a side branch (one a reorganisation abandoned, a rival
 * block that lost a tie, headers whose blocks never came).
 *
 * @param branchLength blocks from the fork point with the best chain to this tip (0 for the best chain's tip)
 */
public record BranchTip(long height, Hash hash, long branchLength, Status status) {
    /** What is known of the branch's blocks. */
    public enum Status {
        /** The best chain's tip. */
        ACTIVE,
        /** Every block of the branch is stored and none is known invalid, but it is not the best chain. */
        VALID_FORK,
        /** Some block of the branch is not stored: only its header is known. */
        HEADERS_ONLY,
        /** A block of the branch broke a rule. */
        INVALID;

        /** The API's word for it, getchaintips' ("valid-fork"). */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The height at which this branch leaves the best chain (the tip's own height for the best chain). */
    public long forkHeight() {
        return height - branchLength;
    }
}
