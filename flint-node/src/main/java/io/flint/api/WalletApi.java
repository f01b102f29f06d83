package io.flint.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.api.view.AddressView;
import io.flint.api.view.PaymentView;
import io.flint.api.view.TxAcceptedView;
import io.flint.api.view.WalletBalanceView;
import io.flint.api.view.WalletView;
import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.crypto.Address;
import io.flint.node.FlintNode;
import io.flint.wallet.Balance;
import io.flint.wallet.FeeRate;
import io.flint.wallet.InsufficientFundsException;
import io.flint.wallet.SignedPayment;
import io.flint.wallet.Utxo;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;

/**
 * The node's own wallet, for {@code flint client}: {@code GET /wallet}, and with the admin token
 * {@code POST /wallet/newaddress} and {@code POST /wallet/send} {"address","amount"} (amount in
 * coins as a decimal string, fee {@link FeeRate#DEFAULT}). A payment is built, signed and
 * submitted in one event-loop task, so two sends never pick the same coins.
 */
final class WalletApi implements ApiRoutes {
    /** {@code POST /wallet/send}. */
    record SendRequest(String address, String amount) {}

    private static final Duration LOOP_WAIT = Duration.ofSeconds(30);

    private final FlintNode node;
    private final ObjectMapper mapper;
    private final AdminAuth auth;
    private final NetworkParams params;

    WalletApi(FlintNode node, ObjectMapper mapper, AdminAuth auth) {
        this.node = node;
        this.mapper = mapper;
        this.auth = auth;
        this.params = node.settings().network();
    }

    @Override
    public void register(Javalin app) {
        app.get("/wallet", ctx -> ctx.json(wallet()));
        app.post("/wallet/newaddress", auth.require(ctx -> ctx.json(new AddressView(
                node.loop().call(() -> node.wallet().newAddress(), LOOP_WAIT).toString()))));
        app.post("/wallet/send", auth.require(this::send));
    }

    private WalletView wallet() {
        List<Address> addresses = node.wallet().addresses();
        List<Utxo> utxos = node.coins().of(addresses);
        Balance b = node.wallet().balance(utxos, node.chain().height(), params);
        return new WalletView(addresses.stream().map(Address::toString).toList(), node.payoutAddress().toString(),
                new WalletBalanceView(b.spendable().toCoinString(), b.immature().toCoinString(),
                        b.unconfirmed().toCoinString(), b.total().toCoinString()),
                node.wallet().wallet().ours(utxos).size());
    }

    private void send(Context ctx) {
        SendRequest request = Requests.body(ctx, mapper, SendRequest.class);
        Address to = Requests.address(Requests.required(request.address(), "address"), params.addressVersion());
        Amount amount = Requests.amount(Requests.present(request.amount(), "amount"));
        PaymentView payment = node.loop().call(() -> pay(to, amount), LOOP_WAIT);
        ctx.json(payment);
    }

    /** On the event loop: coins as of now, build and sign, admit to the pool. */
    private PaymentView pay(Address to, Amount amount) {
        SignedPayment payment;
        try {
            payment = node.payFromWallet(to, amount);
        } catch (InsufficientFundsException e) {
            throw ApiException.badRequest("insufficient_funds", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_payment", e.getMessage());
        }
        TxAcceptedView accepted = PoolApi.submit(node, payment.transaction());
        Amount fee = payment.selection().fee();
        return new PaymentView(accepted.txid(), amount.toCoinString(), fee.toCoinString(), to.toString(),
                payment.changeAddress().map(Address::toString).orElse(null), payment.transaction().size());
    }
}
