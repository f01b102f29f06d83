package io.flint.core.consensus;

import io.flint.core.BlockHeader;

/**
 * The headers of one branch, looked up by height: the branch that ends at the parent of the
 * header being checked. The median-time and difficulty rules read earlier timestamps and bits
 * only through this, so they stay pure and work the same on the best chain and a side branch.
 */
@FunctionalInterface
public interface HeaderHistory {
    /**
     * The header at {@code height} of this branch, for {@code 0 <= height <=} the branch's tip
     * height.
     *
     * @throws IllegalArgumentException for a height outside the branch
     */
    BlockHeader headerAt(long height);
}
