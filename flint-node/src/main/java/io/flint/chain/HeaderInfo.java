package io.flint.chain;

import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import java.math.BigInteger;

/**
 * What the chain knows of one header.
 *
 * @param haveBlock the block itself is stored
 * @param invalid the block or one of its ancestors broke a rule
 * @param onBestChain it is part of the best chain
 */
public record HeaderInfo(Hash hash, BlockHeader header, BigInteger chainWork, boolean haveBlock, boolean invalid,
        boolean onBestChain) {
    public long height() {
        return header.height();
    }
}
