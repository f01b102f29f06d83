package io.flint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.script.Script;
import io.flint.crypto.Hex;
import io.flint.wallet.WalletTip;
import io.flint.wallet.Discovery;
import io.flint.wallet.IssuedAddress;
import io.flint.wallet.SentPayment;
import io.flint.wallet.Utxo;
import io.flint.wallet.Wallet;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node knows about a wallet's addresses, fetched over its HTTP API: the tip (checking the
 * node runs the wallet's network), the outputs of every issued address, their history.
 */
final class NodeCoins {
    private final HttpNodeClient node;
    private final Wallet wallet;

    NodeCoins(HttpNodeClient node, Wallet wallet) {
        this.node = node;
        this.wallet = wallet;
    }

    /** The node's tip; refuses a node of another network than the wallet's, warns of one behind (see {@link #tip(HttpNodeClient, NetworkParams, PrintWriter)}). */
    WalletTip tip(PrintWriter warnings) {
        return tip(node, wallet.network(), warnings);
    }

    /**
     * The node's tip; refuses a node of another network than {@code params}; a node that is not
     * synced or runs in malicious mode gets a {@link StaleNodeWarning} on {@code warnings}.
     */
    static WalletTip tip(HttpNodeClient node, NetworkParams params, PrintWriter warnings) {
        JsonNode status = node.get("/status");
        String network = status.path("network").asText();
        if (!params.name().equals(network)) {
            throw new UserError("the node at " + node.url() + " runs the '" + network + "' network but this wallet is for '"
                    + params.name() + "'");
        }
        StaleNodeWarning.print(status, node.url(), StaleNodeWarning.BALANCES, warnings);
        return new WalletTip(status.path("height").asLong(), params.coinbaseMaturity());
    }

    /**
     * Looks up which of the wallet's addresses were used (BIP44 gap limit) when it has not yet
     * (a restored wallet), so its coins on change and later addresses count and none is reused.
     */
    Optional<Discovery> discoverIfNeeded() {
        if (!wallet.needsDiscovery()) {
            return Optional.empty();
        }
        return Optional.of(wallet.discover(this::hasHistory, Wallet.GAP_LIMIT));
    }

    /**
     * The addresses past the issued ones that another copy of this wallet (restored from the same
     * words) has used since: {@link Wallet#usedAhead}, asked of the node.
     */
    List<IssuedAddress> usedAhead() {
        return wallet.usedAhead(this::hasHistory, Wallet.GAP_LIMIT);
    }

    /** Under the wallet's lock: the first discovery of a restored wallet, then what other copies used since. */
    void catchUp() {
        discoverIfNeeded();
        wallet.record(usedAhead());
    }

    private boolean hasHistory(String address) {
        return !node.get("/address/" + address + "/history?limit=1").isEmpty();
    }

    /** Unspent outputs of every issued address, confirmed and unconfirmed. */
    List<Utxo> utxos() {
        List<Utxo> out = new ArrayList<>();
        for (IssuedAddress a : wallet.issuedAddresses()) {
            for (JsonNode u : node.get("/address/" + a.address() + "/utxos")) {
                out.add(new Utxo(new OutPoint(Hash.fromDisplayHex(u.path("txid").asText()), u.path("vout").asLong()),
                        Amount.ofUnits(u.path("units").asLong()), Script.of(Hex.decode(u.path("script_pub_key").asText())),
                        u.path("height").asLong(), u.path("coinbase").asBoolean()));
            }
        }
        return out;
    }

    /** One transaction as the wallet sees it: what it did to the wallet's balance, over all its addresses. */
    record Movement(String txid, long height, long confirmations, long netUnits, boolean coinbase) {
        /** Confirmations a block reward still needs before it can be spent (0 for anything else). */
        long toMaturity(int coinbaseMaturity) {
            return coinbase && height >= 0 ? Math.max(0, coinbaseMaturity - confirmations) : 0;
        }

        /** What it did to the balance in coins, "-12.50000226" or "50". */
        String net() {
            return (netUnits < 0 ? "-" : "") + Amount.ofUnits(Math.abs(netUnits)).toCoinString();
        }
    }

    /** The wallet's transactions, pending first, then newest first. */
    List<Movement> history(int limit) {
        Map<String, Movement> byTxid = new LinkedHashMap<>();
        for (IssuedAddress a : wallet.issuedAddresses()) {
            for (JsonNode e : node.get("/address/" + a.address() + "/history?limit=" + limit)) {
                long net = Amount.parse(e.path("value_in").asText()).units() - Amount.parse(e.path("value_out").asText()).units();
                Movement m = new Movement(e.path("txid").asText(), e.path("height").asLong(), e.path("confirmations").asLong(),
                        net, e.path("coinbase").asBoolean());
                byTxid.merge(m.txid(), m, (x, y) -> new Movement(x.txid(), x.height(), x.confirmations(),
                        x.netUnits() + y.netUnits(), x.coinbase()));
            }
        }
        List<Movement> list = new ArrayList<>(byTxid.values());
        list.sort((x, y) -> Long.compare(rank(y.height()), rank(x.height())));
        return list.size() > limit ? list.subList(0, limit) : list;
    }

    /**
     * The payments this wallet sent (the latest {@value #SENT_CHECKED}) that are not among
     * {@code movements} and that the node does not know at all, newest first: replaced by a
     * conflicting payment (a double spend) or undone by a reorganisation whose new chain does not
     * have them. The node's address history cannot show them: it holds what the best chain and
     * the pool hold now.
     */
    List<SentPayment> gone(List<Movement> movements) {
        java.util.Set<String> shown = new java.util.HashSet<>();
        movements.forEach(m -> shown.add(m.txid()));
        List<SentPayment> sent = wallet.sentPayments();
        List<SentPayment> out = new ArrayList<>();
        for (int i = sent.size() - 1; i >= Math.max(0, sent.size() - SENT_CHECKED); i--) {
            SentPayment p = sent.get(i);
            if (!shown.contains(p.txid()) && node.find("/tx/" + p.txid()).isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** How many of the latest payments sent {@link #gone} asks the node about (one request each). */
    static final int SENT_CHECKED = 20;

    private static long rank(long height) {
        return height < 0 ? Long.MAX_VALUE : height;
    }
}
