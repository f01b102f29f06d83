package io.flint.api;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * On a light node, refuses with 409 {@code light_node} the endpoints only a full node can answer.
 * A light node keeps block headers only: no UTXO set, no address or txid index, no transaction
 * pool (it gets no transaction gossip). Answered from those empty structures these endpoints
 * would present zeros and empty lists as facts ({@code flint wallet balance} would print
 * "total: 0"). Registered as before-handlers ahead of the endpoints, so that none of them has to
 * remember it, and before the admin check ({@code POST /wallet/send}, {@code POST /mine}): the answer would be the
 * same whatever the token.
 */
final class LightNodeGuard implements ApiRoutes {
    /** An endpoint a light node refuses, and what it needs that a light node does not keep. */
    record Refused(HandlerType method, String path, String needs) {}

    static final List<Refused> REFUSED = List.of(
            new Refused(HandlerType.GET, "/address/{address}/utxos", "the UTXO set"),
            new Refused(HandlerType.GET, "/address/{address}/balance", "the UTXO set"),
            new Refused(HandlerType.GET, "/address/{address}/history", "the address and txid indexes"),
            new Refused(HandlerType.GET, "/tx/{txid}", "a transaction pool and the txid index"),
            new Refused(HandlerType.GET, "/transactions", "a transaction pool"),
            new Refused(HandlerType.POST, "/tx", "the UTXO set and a transaction pool"),
            new Refused(HandlerType.GET, "/wallet", "the UTXO set"),
            new Refused(HandlerType.POST, "/wallet/send", "the UTXO set"),
            new Refused(HandlerType.POST, "/mine", "the UTXO set and a transaction pool to build a block from"));

    @Override
    public void register(Javalin app) {
        for (Refused r : REFUSED) {
            app.before(r.path(), ctx -> {
                // HEAD runs GET's handler (ApiServer), so it is refused with GET
                if (ctx.method() == r.method() || (ctx.method() == HandlerType.HEAD && r.method() == HandlerType.GET)) {
                    throw new ApiException(409, "light_node", "this is a light node: it keeps block headers only, "
                            + "without " + r.needs() + " that " + r.method() + " " + r.path()
                            + " needs; ask a full node");
                }
            });
        }
    }
}
