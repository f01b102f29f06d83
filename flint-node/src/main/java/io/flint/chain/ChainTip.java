package io.flint.chain;

import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.core.ProofOfWork;
import java.math.BigInteger;

/**
 * The best chain's tip as one immutable snapshot, published after every connect, disconnect or
 * reorganisation so that readers on other threads (HTTP, miners) see a consistent tip.
 *
 * @param hash the tip block's hash
 * @param header the tip block's header (its height is the chain height)
 * @param chainWork the cumulative work of the chain up to and including the tip
 * @param medianTimePast the median timestamp of the last 11 blocks ending at the tip (BIP 113)
 * @param nextBits the compact target the next block must have
 */
public record ChainTip(Hash hash, BlockHeader header, BigInteger chainWork, long medianTimePast, long nextBits) {
    public long height() {
        return header.height();
    }

    /** The tip block's difficulty as leading zero bits of its target (the API's {@code difficulty_bits}). */
    public double difficultyBits() {
        return ProofOfWork.difficultyBits(header.bits());
    }

    /** The difficulty the next block must meet, in the same unit. */
    public double nextDifficultyBits() {
        return ProofOfWork.difficultyBits(nextBits);
    }
}
