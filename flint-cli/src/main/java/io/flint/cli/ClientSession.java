package io.flint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.core.NetworkParams;
import io.flint.p2p.transport.Endpoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The commands of {@code flint client}, each one or two HTTP calls to the node (API.md) and a few
 * lines for a person. Shared by the prompt and the one-shot form ({@code flint client mine}).
 * Anything that goes wrong is a {@link UserError} with one line: the prompt shows it and goes on.
 */
final class ClientSession {
    /** The command names, in the order {@code help} lists them (also what tab completes). */
    static final List<String> COMMANDS = List.of("status", "mine", "balance", "newaddress", "send", "addpeer", "sync",
            "peers", "tips", "help", "exit");

    private static final String HELP = String.join("\n",
            "  status                 the node's height, tip, peers, pool and sync state",
            "  mine [ADDRESS]         mine one block now (rewards to the node's wallet, or ADDRESS)",
            "  balance                the node wallet's spendable, immature and unconfirmed coins",
            "  newaddress             a new receive address of the node wallet",
            "  send ADDRESS AMOUNT    pay AMOUNT coins (e.g. 2.5) from the node wallet",
            "  addpeer HOST:PORT      connect to another node (its P2P address)",
            "  sync                   ask peers for anything newer now",
            "  peers                  the node's peers and their state",
            "  tips                   the best chain's tip and each fork's (side branch), with its length",
            "  help                   this list",
            "  exit                   leave (also Ctrl-D)");

    private final HttpNodeClient node;
    private final Optional<String> whyNoToken;

    /**
     * @param whyNoToken set when the user named a data directory without an admin token: an admin
     *     command says so before it asks the node, the others work without one
     */
    ClientSession(HttpNodeClient node, Optional<String> whyNoToken) {
        this.node = node;
        this.whyNoToken = whyNoToken;
    }

    /** Before an admin command's request: one that cannot have the token says why, at once. */
    private void admin(String command) {
        whyNoToken.ifPresent(why -> {
            throw new UserError(command + " needs the node's admin token: " + why);
        });
    }

    String url() {
        return node.url();
    }

    /**
     * True for {@code exit} / {@code quit}, in any case and whatever follows ("exit now"): the
     * prompt ends. Commands are matched without case, so this one is too.
     */
    static boolean isExit(List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        String command = words.get(0).toLowerCase(Locale.ROOT);
        return command.equals("exit") || command.equals("quit");
    }

    /**
     * Runs one command line split into words; prints its answer to {@code out}, and what it is
     * waiting for to {@code progress} (stderr of a one-shot command, so a refusal after it never
     * follows a line on stdout that reads as the start of an answer).
     */
    void run(List<String> words, PrintWriter out, PrintWriter progress) {
        String command = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        switch (command) {
            case "status" -> status(args, out);
            case "mine" -> mine(args, out, progress);
            case "balance" -> balance(args, out, progress);
            case "newaddress" -> newAddress(args, out);
            case "send" -> send(args, out, progress);
            case "addpeer" -> addPeer(args, out);
            case "sync" -> sync(args, out);
            case "peers" -> peers(args, out);
            case "tips" -> tips(args, out);
            case "help" -> out.println("commands:\n" + HELP);
            case "exit", "quit" -> { } // isExit: the caller leaves (the prompt says bye as it ends)
            default -> throw new UserError("unknown command '" + words.get(0) + "' (type help for the list)");
        }
        out.flush();
    }

    private static void arity(List<String> args, int n, String usage) {
        if (args.size() != n) {
            throw new UserError("usage: " + usage);
        }
    }

    private void status(List<String> args, PrintWriter out) {
        arity(args, 0, "status");
        JsonNode s = node.get("/status");
        out.printf("node %s (%s, %s) at height %d, tip %s, difficulty %.2f bits%n", s.path("id").asText(),
                s.path("role").asText(), s.path("network").asText(), s.path("height").asLong(), s.path("tip").asText(),
                s.path("difficulty_bits").asDouble());
        JsonNode sync = s.path("sync");
        String phase = sync.path("phase").asText().toLowerCase(Locale.ROOT);
        String syncText = s.path("synced").asBoolean() ? "synced"
                : (phase.equals("idle") ? "behind (no sync running) " : "syncing (" + phase + ") ")
                        + sync.path("height").asLong() + " of " + sync.path("best_known_height").asLong();
        out.printf("peers %d alive of %d, pool %d transactions (%d bytes), %s, %s, up %d s%n",
                s.path("peers_alive").asInt(), s.path("peers").asInt(), s.path("mempool").asInt(),
                s.path("mempool_bytes").asLong(), syncText,
                s.path("mining").asBoolean() ? String.format(Locale.ROOT, "mining at %.0f H/s", s.path("hash_rate").asDouble())
                        : "not mining",
                s.path("uptime_s").asLong());
    }

    /**
     * Warns on {@code progress} when the node may answer from an old chain (not synced, or
     * malicious), before a command whose answer is about coins or blocks; the command still runs.
     *
     * @param status the node's {@code GET /status}
     * @param consequence what that means for this command, e.g. {@link StaleNodeWarning#BALANCES}
     */
    private void warnIfBehind(JsonNode status, PrintWriter progress, String consequence) {
        StaleNodeWarning.print(status, node.url(), consequence, progress);
    }

    /**
     * An address argument for the network the node's {@code status} names: what the wallet's
     * {@code send} checks, before the node is asked to pay or mine to it.
     */
    private static void checkNetwork(String address, JsonNode status) {
        String name = status.path("network").asText();
        NetworkParams network;
        try {
            network = NetworkParams.byName(name);
        } catch (IllegalArgumentException e) {
            return; // a network this client does not know: the node judges the address itself
        }
        PaymentArguments.address(address, network, ExitCodes.FAILURE);
    }

    private void mine(List<String> args, PrintWriter out, PrintWriter progress) {
        if (args.size() > 1) {
            throw new UserError("usage: mine [ADDRESS]");
        }
        args.forEach(a -> PaymentArguments.address(a, ExitCodes.FAILURE));
        admin("mine");
        JsonNode status = node.get("/status");
        args.forEach(a -> checkNetwork(a, status));
        warnIfBehind(status, progress, StaleNodeWarning.MINING);
        // at demo difficulty a block on one node can take a minute or two: say what the wait is for
        progress.printf(Locale.ROOT, "asking the node to mine one block at difficulty %.2f bits (it gives up after 120 s)...%n",
                status.path("next_difficulty_bits").asDouble(status.path("difficulty_bits").asDouble()));
        progress.flush();
        JsonNode m = node.post("/mine", args.isEmpty() ? null : Map.of("address", args.get(0)));
        out.printf("mined block %d %s (%d transaction%s) paying %s%s%n", m.path("height").asLong(), m.path("hash").asText(),
                m.path("tx_count").asInt(), m.path("tx_count").asInt() == 1 ? "" : "s", m.path("address").asText(),
                m.path("connected").asBoolean() ? "" : " - not on the best chain (a competing block won)");
    }

    private void balance(List<String> args, PrintWriter out, PrintWriter progress) {
        arity(args, 0, "balance");
        warnIfBehind(node.get("/status"), progress, StaleNodeWarning.BALANCES);
        JsonNode w = node.get("/wallet");
        JsonNode b = w.path("balance");
        out.printf("spendable %s, immature %s, unconfirmed %s, total %s (%d unspent outputs)%n", b.path("spendable").asText(),
                b.path("immature").asText(), b.path("unconfirmed").asText(), b.path("total").asText(),
                w.path("utxos").asInt());
    }

    private void newAddress(List<String> args, PrintWriter out) {
        arity(args, 0, "newaddress");
        admin("newaddress");
        out.println(node.post("/wallet/newaddress", null).path("address").asText());
    }

    private void send(List<String> args, PrintWriter out, PrintWriter progress) {
        arity(args, 2, "send ADDRESS AMOUNT (e.g. send 1BoatSLRHtKNngkdXEeobR76b53LETtpyT 2.5)");
        PaymentArguments.address(args.get(0), ExitCodes.FAILURE);
        PaymentArguments.amount(args.get(1), ExitCodes.FAILURE);
        admin("send");
        JsonNode status = node.get("/status");
        checkNetwork(args.get(0), status);
        warnIfBehind(status, progress, StaleNodeWarning.BALANCES);
        JsonNode p = node.post("/wallet/send", Map.of("address", args.get(0), "amount", args.get(1)));
        out.printf("sent %s to %s, fee %s%s%n  txid %s%n", p.path("amount").asText(), p.path("to").asText(),
                p.path("fee").asText(), p.path("change_address").isNull() ? "" : ", change to " + p.path("change_address").asText(),
                p.path("txid").asText());
    }

    private void addPeer(List<String> args, PrintWriter out) {
        arity(args, 1, "addpeer HOST:PORT (e.g. addpeer 127.0.0.1:5001)");
        String address = args.get(0);
        try {
            Endpoint.parse(address); // the node parses it so too; checked here to answer before the round trip
        } catch (IllegalArgumentException e) {
            throw new UserError("'" + address + "' is not HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:5001)");
        }
        admin("addpeer");
        JsonNode r = node.post("/peers", Map.of("address", address));
        out.println(r.path("status").asText() + ": " + r.path("detail").asText());
    }

    private void sync(List<String> args, PrintWriter out) {
        arity(args, 0, "sync");
        admin("sync");
        JsonNode r = node.post("/sync", null);
        out.println(r.path("status").asText() + ": " + r.path("detail").asText());
    }

    /** {@code GET /tips}, one line a tip: what a lab on forks looks at after a reorganisation. */
    private void tips(List<String> args, PrintWriter out) {
        arity(args, 0, "tips");
        for (JsonNode t : node.get("/tips")) {
            long height = t.path("height").asLong();
            long length = t.path("branch_length").asLong();
            String status = t.path("status").asText();
            out.printf("  %-12s height %-7d %s%s%n", status, height, t.path("hash").asText(), status.equals("active")
                    ? "  (the best chain)"
                    : String.format(Locale.ROOT, "  (%d block%s since the fork at height %d)", length,
                            length == 1 ? "" : "s", height - length));
        }
    }

    private void peers(List<String> args, PrintWriter out) {
        arity(args, 0, "peers");
        JsonNode peers = node.get("/peers");
        if (peers.isEmpty()) {
            out.println("no peers (addpeer HOST:PORT connects to one)");
        }
        for (JsonNode p : peers) {
            double rtt = p.path("rtt_ms").asDouble();
            String flags = (p.path("light").asBoolean() ? " light" : "") + (p.path("nat").asBoolean() ? " NAT" : "")
                    + ("malicious".equals(p.path("mode").asText()) ? " malicious" : "")
                    + (p.path("relay").asText().isEmpty() ? "" : " via " + p.path("relay").asText());
            out.printf("  %-10s %-11s %s:%d  height %d  %s%s%n", p.path("id").asText(), p.path("status").asText(),
                    p.path("ip").asText(), p.path("port").asInt(), p.path("height").asLong(),
                    rtt < 0 ? "rtt -" : String.format(Locale.ROOT, rtt < 1 ? "rtt %.2f ms" : "rtt %.1f ms", rtt), flags);
        }
    }
}
