package io.flint.chain;

import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.core.ProofOfWork;
import io.flint.core.Rejection;
import io.flint.chain.store.StoredHeader;
import java.math.BigInteger;

/**
 * One entry of the in-memory header tree: a header, its parent, the cumulative work of its chain
 * and what is known of the block (data stored, found invalid). Mutated only by the chain's owner
 * thread; the status fields are volatile so readers on other threads see them.
 */
final class HeaderNode {
    final Hash hash;
    final BlockHeader header;
    final HeaderNode parent;
    final BigInteger chainWork;
    private volatile int status;
    /** This block and all its ancestors are stored, so the branch up to here could be connected. */
    private volatile boolean chainHasData;
    /** Order in which the block's data became connectable: on equal work the first seen wins. */
    private long sequence = Long.MAX_VALUE;
    /** Why it failed, when this node is the one that broke a rule (not an inherited failure). */
    private volatile Rejection failure;

    HeaderNode(Hash hash, BlockHeader header, HeaderNode parent, int status) {
        this.hash = hash;
        this.header = header;
        this.parent = parent;
        this.chainWork = (parent == null ? BigInteger.ZERO : parent.chainWork).add(ProofOfWork.work(header.bits()));
        this.status = status;
    }

    long height() {
        return header.height();
    }

    boolean hasData() {
        return (status & StoredHeader.HAVE_DATA) != 0;
    }

    boolean failed() {
        return (status & StoredHeader.FAILED) != 0;
    }

    int status() {
        return status;
    }

    void setHasData() {
        status |= StoredHeader.HAVE_DATA;
    }

    void setFailed(Rejection why) {
        status |= StoredHeader.FAILED;
        if (why != null) {
            failure = why;
        }
    }

    Rejection failure() {
        return failure;
    }

    boolean chainHasData() {
        return chainHasData;
    }

    void setChainHasData(long sequence) {
        this.chainHasData = true;
        this.sequence = sequence;
    }

    long sequence() {
        return sequence;
    }

    StoredHeader toStored() {
        return new StoredHeader(header, chainWork, status);
    }

    @Override
    public String toString() {
        return "HeaderNode{" + header.height() + " " + hash + "}";
    }
}
