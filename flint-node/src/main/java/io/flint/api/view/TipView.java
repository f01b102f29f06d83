package io.flint.api.view;

/**
 * A tip of the node's header tree ({@code GET /tips}): the best chain's or a side branch's last
 * block, how many blocks its branch has since it left the best chain, and its status
 * ({@code active}, {@code valid-fork}, {@code headers-only}, {@code invalid}).
 */
public record TipView(long height, String hash, long branchLength, String status) {
}
