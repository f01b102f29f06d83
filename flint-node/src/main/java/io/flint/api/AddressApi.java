package io.flint.api;

import io.flint.api.view.AddressBalanceView;
import io.flint.api.view.HistoryEntryView;
import io.flint.api.view.UtxoView;
import io.flint.chain.AddressHistoryEntry;
import io.flint.chain.ChainState;
import io.flint.chain.ConfirmedTransaction;
import io.flint.chain.store.AddressIndexKeys;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.consensus.Coin;
import io.flint.crypto.Address;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolEntry;
import io.flint.node.WalletCoins;
import io.flint.wallet.WalletTip;
import io.flint.wallet.Utxo;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /address/{a}/utxos}, {@code /balance} and {@code /history}: what an address holds
 * and did, as the node sees it (confirmed from the chain's address index, unconfirmed from the
 * pool). A wallet that keeps its keys elsewhere builds its payments from these.
 */
final class AddressApi implements ApiRoutes {
    static final int DEFAULT_HISTORY = 100;
    static final int MAX_HISTORY = 1000;

    private final ChainState chain;
    private final Mempool mempool;
    private final WalletCoins coins;
    private final NetworkParams params;

    AddressApi(ChainState chain, Mempool mempool, WalletCoins coins) {
        this.chain = chain;
        this.mempool = mempool;
        this.coins = coins;
        this.params = chain.params();
    }

    @Override
    public void register(Javalin app) {
        app.get("/address/{address}/utxos", ctx -> ctx.json(utxos(address(ctx))));
        app.get("/address/{address}/balance", ctx -> ctx.json(balance(address(ctx))));
        app.get("/address/{address}/history", ctx -> {
            Address a = address(ctx);
            ctx.json(history(a, (int) Requests.queryLong(ctx, "limit", DEFAULT_HISTORY, 1, MAX_HISTORY)));
        });
    }

    private Address address(Context ctx) {
        return Requests.address(ctx.pathParam("address"), params.addressVersion());
    }

    private WalletTip tip() {
        return new WalletTip(chain.height(), params.coinbaseMaturity());
    }

    private List<Utxo> sorted(Address address) {
        List<Utxo> list = new ArrayList<>(coins.of(List.of(address)));
        // oldest first, unconfirmed last; within a height by outpoint, so the order is stable
        list.sort(Comparator.comparingLong((Utxo u) -> u.height() == Utxo.UNCONFIRMED ? Long.MAX_VALUE : u.height())
                .thenComparing(u -> u.outPoint().txid().toString())
                .thenComparingLong(u -> u.outPoint().index()));
        return list;
    }

    private List<UtxoView> utxos(Address address) {
        WalletTip tip = tip();
        return sorted(address).stream()
                .map(u -> new UtxoView(u.outPoint().txid().toString(), u.outPoint().index(), u.value().toCoinString(),
                        u.value().units(), u.height(), u.coinbase(), tip.confirmations(u.height()), u.isSpendableAt(tip),
                        u.scriptPubKey().toHex()))
                .toList();
    }

    private AddressBalanceView balance(Address address) {
        WalletTip tip = tip();
        List<Utxo> utxos = sorted(address);
        long confirmed = 0;
        long unconfirmed = 0;
        long spendable = 0;
        long immature = 0;
        for (Utxo u : utxos) {
            long v = u.value().units();
            if (u.isConfirmed()) {
                confirmed += v;
            } else {
                unconfirmed += v;
            }
            if (u.isSpendableAt(tip)) {
                spendable += v;
            } else if (u.isImmatureAt(tip)) {
                immature += v;
            }
        }
        return new AddressBalanceView(address.toString(), Views.coins(confirmed), Views.coins(unconfirmed),
                Views.coins(spendable), Views.coins(immature), confirmed, unconfirmed, spendable, immature, utxos.size());
    }

    /** Pooled transactions first, then confirmed ones newest first; at most {@code limit} in all. */
    private List<HistoryEntryView> history(Address address, int limit) {
        byte[] hash = address.hash160();
        long tipHeight = chain.height();
        List<HistoryEntryView> out = new ArrayList<>();
        List<MempoolEntry> pool = mempool.entries();
        for (int i = pool.size() - 1; i >= 0 && out.size() < limit; i--) {
            Transaction tx = pool.get(i).tx();
            // a pooled transaction spends unspent coins of the chain or outputs of other pooled ones
            long spent = spentFrom(tx, hash, op -> chain.coin(op).map(Coin::output).or(() -> pooledOutput(op)));
            boolean received = tx.outputs().stream().anyMatch(o -> pays(o, hash));
            if (received || spent > 0) {
                long in = paidTo(tx, hash);
                out.add(new HistoryEntryView(tx.txid().toString(), Utxo.UNCONFIRMED, 0, received, spent > 0,
                        Views.coins(in), Views.coins(spent), Views.signedCoins(in - spent), false));
            }
        }
        for (AddressHistoryEntry e : chain.addressHistory(hash, limit - out.size())) {
            Optional<Transaction> tx = chain.transaction(e.txid()).map(ConfirmedTransaction::tx);
            long in = tx.map(t -> paidTo(t, hash)).orElse(0L);
            // the outputs it spent are gone from the UTXO set: found through the txid index
            long spent = e.spent() ? tx.map(t -> spentFrom(t, hash, this::confirmedOutput)).orElse(0L) : 0;
            out.add(new HistoryEntryView(e.txid().toString(), e.height(), Math.max(0, tipHeight - e.height() + 1),
                    e.received(), e.spent(), Views.coins(in), Views.coins(spent), Views.signedCoins(in - spent),
                    tx.map(Transaction::isCoinbase).orElse(false)));
        }
        return out;
    }

    private static long paidTo(Transaction tx, byte[] hash) {
        long sum = 0;
        for (TxOut o : tx.outputs()) {
            if (pays(o, hash)) {
                sum += o.value();
            }
        }
        return sum;
    }

    /** What {@code tx} spends of outputs paying {@code hash}, the spent outputs found by {@code outputs}. */
    private static long spentFrom(Transaction tx, byte[] hash, Function<OutPoint, Optional<TxOut>> outputs) {
        if (tx.isCoinbase()) {
            return 0;
        }
        long sum = 0;
        for (TxIn in : tx.inputs()) {
            Optional<TxOut> spent = outputs.apply(in.prevout());
            if (spent.isPresent() && pays(spent.get(), hash)) {
                sum += spent.get().value();
            }
        }
        return sum;
    }

    private Optional<TxOut> pooledOutput(OutPoint op) {
        return mempool.get(op.txid()).map(MempoolEntry::tx).flatMap(t -> outputOf(t, op));
    }

    private Optional<TxOut> confirmedOutput(OutPoint op) {
        return chain.transaction(op.txid()).map(ConfirmedTransaction::tx).flatMap(t -> outputOf(t, op));
    }

    private static Optional<TxOut> outputOf(Transaction tx, OutPoint op) {
        return op.index() < tx.outputs().size() ? Optional.of(tx.output((int) op.index())) : Optional.empty();
    }

    private static boolean pays(TxOut out, byte[] hash) {
        return AddressIndexKeys.hash160Of(out.scriptPubKey()).map(h -> Arrays.equals(h, hash)).orElse(false);
    }
}
