package io.flint.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.api.view.PoolTxView;
import io.flint.api.view.TxAcceptedView;
import io.flint.api.view.TxLookupView;
import io.flint.chain.ConfirmedTransaction;
import io.flint.core.DecodeException;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.Hex;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.MempoolEntry;
import io.flint.node.FlintNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /transactions} (the pool in arrival order, parents before children; {@code limit}
 * optional), {@code POST /tx} and {@code GET /tx/{txid}} (pooled, else confirmed through the
 * chain's txid index).
 */
final class PoolApi implements ApiRoutes {
    /** {@code POST /tx}: {"hex": "..."}. */
    record TxRequest(String hex) {}

    private final FlintNode node;
    private final ObjectMapper mapper;
    private final AddressVersion version;

    PoolApi(FlintNode node, ObjectMapper mapper) {
        this.node = node;
        this.mapper = mapper;
        this.version = node.settings().network().addressVersion();
    }

    @Override
    public void register(Javalin app) {
        app.get("/transactions", this::pooled);
        app.post("/tx", ctx -> ctx.json(submit(node, parse(ctx))));
        app.get("/tx/{txid}", this::lookup);
    }

    private void pooled(Context ctx) {
        int limit = (int) Requests.queryLong(ctx, "limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        ctx.json(node.mempool().entries().stream().limit(limit).map(PoolApi::view).toList());
    }

    private static PoolTxView view(MempoolEntry e) {
        return new PoolTxView(e.txid().toString(), e.fee().toCoinString(), e.size(), e.tx().toHex(),
                e.fee().units(), e.feeRate(), e.time().toString());
    }

    private Transaction parse(Context ctx) {
        TxRequest request = Requests.body(ctx, mapper, TxRequest.class);
        if (request.hex() != null && request.hex().isBlank()) {
            // the field is there, its value is wrong: not a missing field
            throw ApiException.badRequest("bad_hex", "the field 'hex' is empty; it must hold a serialized transaction "
                    + "in hex");
        }
        return decode(Requests.required(request.hex(), "hex"));
    }

    /** Hex of a serialized transaction; 400 naming the offset or character that is wrong. */
    static Transaction decode(String hex) {
        if (!Hex.isHex(hex)) {
            throw ApiException.badRequest("bad_hex", "the transaction hex has an odd length or a character that is not hex");
        }
        try {
            return Transaction.parse(Hex.decode(hex));
        } catch (DecodeException e) {
            throw ApiException.badRequest("bad_transaction", "not a valid transaction: " + e.getMessage());
        }
    }

    /** Admits a transaction to the pool (and gossips it); a refusal is a 400 with the rule it broke. */
    static TxAcceptedView submit(FlintNode node, Transaction tx) {
        AcceptOutcome outcome = node.submitTransaction(tx);
        if (outcome instanceof AcceptOutcome.Accepted a) {
            return new TxAcceptedView(tx.txid().toString(), "accepted", a.fee().toCoinString());
        }
        if (outcome instanceof AcceptOutcome.AlreadyKnown) {
            return new TxAcceptedView(tx.txid().toString(), "already_known", null);
        }
        if (outcome instanceof AcceptOutcome.Rejected r) {
            throw new ApiException(400, "rejected", r.rejection().message());
        }
        AcceptOutcome.MissingInputs m = (AcceptOutcome.MissingInputs) outcome;
        throw new ApiException(400, "missing_inputs", "transaction " + tx.txid() + " spends outputs this node does not "
                + "know (neither the chain nor the pool has them; send their transactions first): "
                + m.missing().stream().map(o -> o.txid() + ":" + o.index()).collect(Collectors.joining(", ")));
    }

    private void lookup(Context ctx) {
        Hash txid = Requests.hash(ctx.pathParam("txid"), "txid");
        Optional<MempoolEntry> pooled = node.mempool().get(txid);
        if (pooled.isPresent()) {
            MempoolEntry e = pooled.get();
            ctx.json(new TxLookupView(txid.toString(), "pooled", 0, null, null, e.fee().toCoinString(), e.size(),
                    e.tx().toHex(), Views.tx(e.tx(), version)));
            return;
        }
        ConfirmedTransaction c = node.chain().transaction(txid).orElseThrow(() -> ApiException.notFound(
                "transaction " + txid + " is neither in the pool nor in the best chain"));
        long confirmations = Math.max(0, node.chain().height() - c.height() + 1);
        ctx.json(new TxLookupView(txid.toString(), "confirmed", confirmations, c.blockHash().toString(), c.height(),
                null, c.tx().size(), c.tx().toHex(), Views.tx(c.tx(), version)));
    }
}
