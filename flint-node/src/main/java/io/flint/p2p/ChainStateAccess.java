package io.flint.p2p;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainState;
import io.flint.chain.ChainTip;
import io.flint.chain.HeaderInfo;
import io.flint.chain.HeadersOutcome;
import io.flint.chain.store.StoreException;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.p2p.message.TipInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ChainAccess} over the node's {@link ChainState}. A light node's state holds headers
 * only: its tip is the best header, and the headers it serves come from the best header chain,
 * indexed by height here (re-walked only as far back as the best chain changed).
 */
public final class ChainStateAccess implements ChainAccess {
    private final ChainState chain;
    private final boolean light;
    /** Light only: hashes of the best header chain by height. */
    private final List<Hash> headerChain = new ArrayList<>();

    public ChainStateAccess(ChainState chain, boolean light) {
        this.chain = chain;
        this.light = light;
    }

    @Override
    public Hash genesisHash() {
        return chain.params().genesisHash();
    }

    @Override
    public TipInfo blockTip() {
        if (light) {
            return headerTip();
        }
        ChainTip tip = chain.tip();
        return new TipInfo(tip.height(), tip.hash(), tip.chainWork());
    }

    @Override
    public TipInfo headerTip() {
        HeaderInfo best = chain.bestHeader();
        return new TipInfo(best.height(), best.hash(), best.chainWork());
    }

    @Override
    public BlockSubmission submitBlock(Block block) {
        BlockOutcome outcome = chain.submitBlock(block);
        if (outcome instanceof BlockOutcome.Connected || outcome instanceof BlockOutcome.Reorganized) {
            return new BlockSubmission.Accepted(true);
        }
        if (outcome instanceof BlockOutcome.SideBranch) {
            return new BlockSubmission.Accepted(false);
        }
        if (outcome instanceof BlockOutcome.Orphan orphan) {
            return new BlockSubmission.Orphan(orphan.parent());
        }
        if (outcome instanceof BlockOutcome.Duplicate) {
            return new BlockSubmission.Duplicate();
        }
        return new BlockSubmission.Invalid(((BlockOutcome.Rejected) outcome).rejection().message());
    }

    @Override
    public HeaderSubmission submitHeaders(List<BlockHeader> headers) {
        HeadersOutcome outcome = chain.submitHeaders(headers);
        if (outcome instanceof HeadersOutcome.Accepted accepted) {
            return new HeaderSubmission.Accepted(accepted.added());
        }
        if (outcome instanceof HeadersOutcome.Unconnected unconnected) {
            return new HeaderSubmission.Unconnected(unconnected.missingParent());
        }
        return new HeaderSubmission.Invalid(((HeadersOutcome.Rejected) outcome).rejection().message());
    }

    @Override
    public List<BlockHeader> headers(long from, long to) {
        if (to < from || from < 0) {
            return List.of();
        }
        if (!light) {
            return chain.headers(from, (int) Math.min(Integer.MAX_VALUE, to - from + 1));
        }
        refreshHeaderChain();
        List<BlockHeader> out = new ArrayList<>();
        for (long h = from; h <= to && h < headerChain.size(); h++) {
            chain.headerInfo(headerChain.get((int) h)).ifPresent(info -> out.add(info.header()));
        }
        return out;
    }

    private void refreshHeaderChain() {
        HeaderInfo best = chain.bestHeader();
        List<Hash> tail = new ArrayList<>();
        HeaderInfo n = best;
        while (n != null) {
            int h = (int) n.height();
            if (h < headerChain.size() && headerChain.get(h).equals(n.hash())) {
                break;
            }
            tail.add(n.hash());
            n = n.height() == 0 ? null : chain.headerInfo(n.header().prevHash()).orElse(null);
        }
        int firstChanged = (int) best.height() - tail.size() + 1;
        while (headerChain.size() > firstChanged) {
            headerChain.remove(headerChain.size() - 1);
        }
        for (int i = tail.size() - 1; i >= 0; i--) {
            headerChain.add(tail.get(i));
        }
    }

    @Override
    public long sharedHeight(Hash tip, Hash branch) {
        return chain.sharedHeight(tip, branch);
    }

    @Override
    public Optional<TipInfo> knownHeader(Hash hash) {
        return chain.headerInfo(hash).filter(info -> !info.invalid())
                .map(info -> new TipInfo(info.height(), info.hash(), info.chainWork()));
    }

    @Override
    public List<BlockHeader> missingBlocks(Hash target, int max) {
        if (light) {
            return List.of();
        }
        List<BlockHeader> out = new ArrayList<>();
        for (Hash h : chain.missingBlocks(target, max)) {
            chain.headerInfo(h).ifPresent(info -> out.add(info.header()));
        }
        return out;
    }

    /**
     * The block, or empty when the store cannot read it (damaged; the node logs that once): the
     * peer that asked hears nothing and, its request timing out, asks another peer (Bitcoin Core
     * disconnects a peer whose block it cannot load from disk; here the connection stays for the
     * rest).
     */
    @Override
    public Optional<Block> block(Hash hash) {
        try {
            return chain.block(hash);
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean hasBlock(Hash hash) {
        return chain.hasBlock(hash);
    }

    @Override
    public boolean hasHeader(Hash hash) {
        return chain.headerInfo(hash).isPresent();
    }
}
