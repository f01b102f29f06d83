package io.flint.api;

import io.flint.api.view.BlockSummaryView;
import io.flint.api.view.BlockView;
import io.flint.api.view.OrphanView;
import io.flint.api.view.TipView;
import io.flint.api.view.TxView;
import io.flint.chain.ChainState;
import io.flint.chain.HeaderInfo;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.Hex;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /blocks}, {@code /blocks/{hash or height}}, {@code /orphan}, {@code /tips}.
 *
 * <p>{@code /blocks} without {@code from} lists the latest blocks, tip first; with {@code from=H}
 * it lists the best chain upwards from height H. {@code limit} defaults to 20, at most 500.
 *
 * <p>A light node keeps headers only: the list, and a block whose header it has, are refused with
 * 409 {@code light_node} (the block's height and hash, and that a full node has it) rather than
 * answered from its block chain, which is genesis alone and would read as "no such block".
 * {@code /tips} it answers from its headers, against its best header chain (the chain it follows).
 */
final class ChainApi implements ApiRoutes {
    static final int DEFAULT_BLOCKS = 20;
    static final int MAX_BLOCKS = 500;
    /** Tips listed at most: a peer can make many forks cheaply, and a list is read by a person. */
    static final int MAX_TIPS = 100;

    private final ChainState chain;
    private final AddressVersion version;
    private final boolean light;

    ChainApi(ChainState chain, AddressVersion version, boolean light) {
        this.chain = chain;
        this.version = version;
        this.light = light;
    }

    @Override
    public void register(Javalin app) {
        app.get("/blocks", this::blocks);
        app.get("/blocks/{id}", this::block);
        app.get("/orphan", ctx -> ctx.json(orphans()));
        app.get("/tips", this::tips);
    }

    private void tips(Context ctx) {
        int limit = (int) Requests.queryLong(ctx, "limit", MAX_TIPS, 1, MAX_TIPS);
        ctx.json((light ? chain.headerTips(limit) : chain.tips(limit)).stream()
                .map(t -> new TipView(t.height(), t.hash().toString(), t.branchLength(), t.status().code()))
                .toList());
    }

    private void blocks(Context ctx) {
        int limit = (int) Requests.queryLong(ctx, "limit", DEFAULT_BLOCKS, 1, MAX_BLOCKS);
        if (light) {
            HeaderInfo best = chain.bestHeader();
            throw lightNode("GET /blocks lists blocks, which it does not keep (its header chain is at height "
                    + best.height() + ", " + best.hash() + ")");
        }
        long tip = chain.height();
        List<BlockSummaryView> out = new ArrayList<>();
        if (Requests.hasQuery(ctx, "from")) {
            long from = Requests.queryLong(ctx, "from", 0, 0, 0xffff_ffffL);
            for (long h = from; h <= tip && out.size() < limit; h++) {
                chain.blockAt(h).ifPresent(b -> out.add(Views.summary(b, version)));
            }
        } else {
            for (long h = tip; h >= 0 && out.size() < limit; h--) {
                chain.blockAt(h).ifPresent(b -> out.add(Views.summary(b, version)));
            }
        }
        ctx.json(out);
    }

    private void block(Context ctx) {
        String id = ctx.pathParam("id").strip();
        Block block;
        // digits only are a height, however many (a hash is 64 hex characters, so 64 digits stay a hash);
        // a sign ("+5", "-1") is neither, as in ?from=
        if (!id.isEmpty() && id.length() < 2 * Hash.LENGTH && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            BigInteger asked = new BigInteger(id);
            // beyond a long is beyond any height: asked as the largest, named as written
            long height = asked.bitLength() < Long.SIZE ? asked.longValueExact() : Long.MAX_VALUE;
            block = (height > chain.height() ? Optional.<Block>empty() : chain.blockAt(height))
                    .orElseThrow(() -> light ? headerOnly(height, asked)
                    : ApiException.notFound("no block at height " + asked + " in the best chain (its tip is at height "
                            + chain.height() + ")"));
        } else {
            if (id.length() != 2 * Hash.LENGTH || !Hex.isHex(id)) {
                throw ApiException.badRequest("bad_block_hash", "'" + Requests.abbreviate(id)
                        + "' is neither a block height (0 or more) nor a block hash (64 hex characters)");
            }
            Hash hash = Hash.fromDisplayHex(id);
            block = chain.block(hash).orElseThrow(() -> light && chain.headerInfo(hash).isPresent()
                    ? headerOnly(chain.headerInfo(hash).get())
                    : ApiException.notFound("no block with hash " + hash + " is stored here"));
        }
        ctx.json(view(block));
    }

    /**
     * A light node asked for the block at {@code height} ({@code asked} as written): 409 when its
     * header chain reaches it, else 404 naming where it ends.
     */
    private ApiException headerOnly(long height, BigInteger asked) {
        HeaderInfo best = chain.bestHeader();
        if (height > best.height()) {
            return ApiException.notFound("no block at height " + asked + ": this light node's best header chain ends at "
                    + "height " + best.height() + " (" + best.hash() + ")");
        }
        HeaderInfo h = best;
        // walked down from the header tip: a light node's block chain (genesis) has no index of its headers
        while (h.height() > height) {
            h = chain.headerInfo(h.header().prevHash()).orElseThrow();
        }
        return headerOnly(h);
    }

    private static ApiException headerOnly(HeaderInfo header) {
        return lightNode("it has the header of block " + header.hash() + " at height " + header.height()
                + " but not the block");
    }

    private static ApiException lightNode(String what) {
        return new ApiException(409, "light_node", "this is a light node: it keeps block headers only; " + what
                + "; ask a full node");
    }

    private BlockView view(Block block) {
        Optional<HeaderInfo> info = chain.headerInfo(block.hash());
        boolean best = info.map(HeaderInfo::onBestChain).orElse(false);
        long tip = chain.height();
        long confirmations = best ? tip - block.height() + 1 : 0;
        String next = best ? chain.headerAt(block.height() + 1).map(h -> h.hash().toString()).orElse(null) : null;
        // `next` stays the best chain's (clients walk the chain by it); off it, a block's only
        // child is where its own branch goes on. One with several children forks again: which
        // of them comes next is not for this field to say (GET /tips lists their branches).
        List<Hash> children = best ? List.of() : chain.children(block.hash());
        String nextOnBranch = best ? next : children.size() == 1 ? children.get(0).toString() : null;
        List<TxView> txs = new ArrayList<>(block.transactions().size());
        for (Transaction tx : block.transactions()) {
            txs.add(Views.tx(tx, version));
        }
        return new BlockView(Views.summary(block, version), best, Math.max(0, confirmations), next, nextOnBranch, txs);
    }

    private List<OrphanView> orphans() {
        return chain.orphans().stream()
                .map(e -> new OrphanView(e.hash().toString(), e.parent().toString(), e.block().height(),
                        e.block().transactions().size(), e.received().toString()))
                .toList();
    }
}
