package io.flint.core.consensus;

import io.flint.core.BlockHeader;
import io.flint.core.NetworkParams;
import io.flint.core.ProofOfWork;
import io.flint.core.RejectReason;
import io.flint.core.Rejection;
import java.util.Optional;

/**
 * The rules of a block header: proof of work on its own, then in the context of its parent
 * (height, required bits, median time past, clock). Pure functions; the node's clock is passed
 * in as {@code nowSeconds}.
 */
public final class HeaderRules {
    private HeaderRules() {}

    /** The hash meets the target of the header's own bits, and those bits are no easier than the limit. */
    public static Optional<Rejection> checkProofOfWork(BlockHeader header, NetworkParams params) {
        if (!ProofOfWork.check(header, params.powLimit())) {
            return reject(RejectReason.HIGH_HASH, String.format("hash %s, bits 0x%08x", header.hash(), header.bits()));
        }
        return Optional.empty();
    }

    /**
     * The header in the context of its parent: height is the parent's plus one, bits are the
     * required ones ({@link Difficulty#nextBits}), the timestamp is after the parent's median
     * time past and at most {@code maxFutureBlockTime} ahead of {@code nowSeconds}.
     * {@code history} is the branch ending at {@code parent}.
     */
    public static Optional<Rejection> checkContextual(BlockHeader header, BlockHeader parent, HeaderHistory history,
            NetworkParams params, long nowSeconds) {
        if (header.height() != parent.height() + 1) {
            return reject(RejectReason.BAD_HEIGHT, "height " + header.height() + ", parent height " + parent.height());
        }
        long required = Difficulty.nextBits(parent, history, params);
        if (header.bits() != required) {
            return reject(RejectReason.BAD_DIFFBITS, String.format("bits 0x%08x, required 0x%08x at height %d",
                    header.bits(), required, header.height()));
        }
        long mtp = MedianTimePast.of(parent, history, params.medianTimeSpan());
        if (header.timestamp() <= mtp) {
            return reject(RejectReason.TIME_TOO_OLD, "timestamp " + header.timestamp() + ", median time past " + mtp);
        }
        long latest = nowSeconds + params.maxFutureBlockTime().getSeconds();
        if (header.timestamp() > latest) {
            return reject(RejectReason.TIME_TOO_NEW, "timestamp " + header.timestamp() + ", latest allowed " + latest);
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(RejectReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}
