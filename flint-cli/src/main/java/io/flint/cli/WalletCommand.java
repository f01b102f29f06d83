package io.flint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.crypto.Address;
import io.flint.node.config.IoReason;
import io.flint.mempool.MempoolConfig;
import io.flint.wallet.Balance;
import io.flint.wallet.WalletTip;
import io.flint.wallet.Discovery;
import io.flint.wallet.FeeRate;
import io.flint.wallet.InsufficientFundsException;
import io.flint.wallet.InvalidMnemonicException;
import io.flint.wallet.IssuedAddress;
import io.flint.wallet.KeystoreException;
import io.flint.wallet.KeystoreLock;
import io.flint.wallet.Mnemonic;
import io.flint.wallet.SentPayment;
import io.flint.wallet.SignedPayment;
import io.flint.wallet.Utxo;
import io.flint.wallet.Wallet;
import io.flint.wallet.WalletSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flint wallet create|address|balance|send|history}: a keystore-backed wallet on this
 * machine (keys never leave it) that asks a node's HTTP API for its coins and broadcasts its
 * payments there.
 */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = "A wallet whose keys stay on this machine, in a password-encrypted keystore; it asks a "
                + "node's HTTP API for its coins and sends signed payments there.",
        subcommands = {WalletCommand.Create.class, WalletCommand.AddressOf.class, WalletCommand.BalanceOf.class,
            WalletCommand.Send.class, WalletCommand.History.class},
        footer = {"", "Example: flint wallet create && flint wallet address && flint wallet balance --node http://127.0.0.1:7000"})
final class WalletCommand extends CommandGroup {
    /** {@code --wallet FILE}. */
    static final class WalletFile {
        @Option(names = "--wallet", paramLabel = "FILE",
                description = "The keystore file (default: $FLINT_HOME/wallet.json, else ~/.flint/wallet.json).")
        Path file;

        Path path() {
            return file != null ? file : LocalWallet.defaultFile(System.getenv());
        }
    }

    /** {@code --password-file FILE}. */
    static final class PasswordFile {
        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Read the wallet password from the first line of FILE (else env FLINT_WALLET_PASSWORD, else"
                        + " it is asked for at the terminal). Never give a password as an argument.")
        Path file;

        char[] read(String prompt, boolean confirm) {
            return Passwords.read(prompt, confirm, file, System.getenv(), System.console());
        }
    }

    /** A wallet opened for a command that talks to a node, with the node's tip read on the way. */
    record Opened(Wallet wallet, WalletTip tip) {}

    /**
     * Opens the wallet for a command that talks to a node, after checking the node's network (the
     * tip that answer gives is kept, so the command need not ask again); a wallet whose used
     * addresses were never looked up (restored) is discovered first, and addresses another copy
     * of it used since are added, under its lock. A node that may answer with an old chain gets a
     * warning on {@code warnings}.
     */
    static Opened openDiscovered(Path file, HttpNodeClient client, PrintWriter warnings) {
        Wallet w = LocalWallet.open(file);
        WalletTip tip = NodeCoins.tip(client, w.network(), warnings);
        if (!w.needsDiscovery() && new NodeCoins(client, w).usedAhead().isEmpty()) {
            return new Opened(w, tip); // the common case writes nothing, so it takes no lock
        }
        try (KeystoreLock lock = LocalWallet.lock(file)) {
            Wallet fresh = LocalWallet.open(file);
            new NodeCoins(client, fresh).catchUp();
            return new Opened(fresh, tip);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a new wallet: 12 recovery words (shown once: write them down) and a password that "
                    + "encrypts the keystore. With --restore, make it from existing words instead.")
    static final class Create implements Runnable {
        /** Below this many characters a new password gets a warning (NIST SP 800-63B's minimum is 8). */
        static final int SHORT_PASSWORD = 8;

        @Spec
        CommandSpec spec;
        @Mixin
        WalletFile wallet;
        @Mixin
        PasswordFile password;

        @Option(names = "--network", defaultValue = "demo", paramLabel = "NAME",
                description = "The network the wallet is for: demo (default) or regtest.")
        String network;

        @Option(names = "--restore", description = "Restore from existing recovery words (asked for, or --words-file).")
        boolean restore;

        @Option(names = "--words-file", paramLabel = "FILE", description = "With --restore: read the words from FILE.")
        Path wordsFile;

        @Option(names = "--force", description = "Replace an existing keystore at that path (its coins are lost without its words).")
        boolean force;

        // no default: only a node the user names is asked, at once, which restored addresses were used
        @Option(names = "--node", paramLabel = "URL",
                description = "With --restore: look up at this node's HTTP API which of the wallet's addresses were used "
                        + "(else that happens the first time the wallet talks to a node).")
        String node;

        @Override
        public void run() {
            if (!restore && (wordsFile != null || node != null)) {
                // without --restore they would be ignored, and a new wallet made as if the words were used
                throw new UserError((wordsFile != null ? "--words-file" : "--node") + " goes with --restore: "
                        + "'wallet create --restore" + (wordsFile != null ? " --words-file FILE" : "")
                        + (node != null ? " --node URL" : "") + "' makes the wallet from existing words; "
                        + "'wallet create' alone makes a new one", ExitCodes.USAGE);
            }
            NetworkParams params = NetworkOption.parse(network);
            Path file = wallet.path();
            checkNotThere(file);
            HttpNodeClient client = node == null ? null : new HttpNodeClient(node, Optional.empty());
            if (client != null) {
                NodeCoins.tip(client, params, spec.commandLine().getErr()); // a node of another network is refused before anything is written
            }
            Mnemonic words = restore ? readWords() : Mnemonic.generate(new SecureRandom());
            char[] pass = password.read("New wallet password", true);
            if (pass.length < SHORT_PASSWORD) {
                // allowed (a lab's throw-away wallet), but said: scrypt slows each guess, it cannot save a short one
                spec.commandLine().getErr().println("warning: a password of fewer than " + SHORT_PASSWORD
                        + " characters protects the keystore little: whoever gets the file can guess it");
                spec.commandLine().getErr().flush();
            }
            try (KeystoreLock lock = LocalWallet.lock(file)) {
                checkNotThere(file);
                Wallet w;
                try {
                    w = LocalWallet.create(file, params, new WalletSecret(words, ""), pass, force, restore);
                } finally {
                    Arrays.fill(pass, '\0');
                }
                Optional<Discovery> found = client == null ? Optional.empty() : new NodeCoins(client, w).discoverIfNeeded();
                // a restored wallet whose receive addresses were used shows the latest used one, as the
                // original wallet and a restore whose lookup came later do; a new wallet gets its first
                Address current = found.filter(d -> d.highestReceive() >= 0).flatMap(d -> w.latestReceiveAddress())
                        .orElseGet(w::newReceiveAddress);
                report(words, params, file, found, current);
            }
        }

        private static String upTo(int highest) {
            return highest < 0 ? "none" : "up to index " + highest;
        }

        private void checkNotThere(Path file) {
            if (Files.exists(file) && !force) {
                throw new UserError("a wallet already exists at " + file + "; give another --wallet FILE (or --force to "
                        + "replace it, losing it unless you have its words)");
            }
        }

        private void report(Mnemonic words, NetworkParams params, Path file, Optional<Discovery> found, Address first) {
            PrintWriter out = spec.commandLine().getOut();
            if (!restore) {
                out.println("Your recovery words. Write them down and keep them offline: they are shown only this once,");
                out.println("and anyone who has them can spend your coins. They restore the wallet if the file is lost.");
                out.println();
                out.println("    " + words.phrase());
                out.println();
            }
            out.println((restore ? "restored" : "created") + " the " + params.name() + " wallet " + file.toAbsolutePath());
            if (restore) {
                out.println(found.map(d -> "addresses in use at the node: receive " + upTo(d.highestReceive()) + ", change "
                                + upTo(d.highestChange()) + " (" + d.lookups() + " looked up)")
                        .orElse("its used addresses are looked up at the node the first time it talks to one"));
            }
            out.println("receive address: " + first);
            out.flush();
        }

        private Mnemonic readWords() {
            String phrase;
            if (wordsFile != null) {
                try {
                    phrase = Files.readString(wordsFile, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UserError("cannot read --words-file " + wordsFile + ": " + IoReason.of(e), ExitCodes.USAGE);
                }
            } else if (System.console() != null) {
                phrase = System.console().readLine("Recovery words: ");
            } else {
                throw new UserError("--restore needs the recovery words: run in a terminal or give --words-file FILE",
                        ExitCodes.USAGE);
            }
            try {
                return Mnemonic.parse(phrase == null ? "" : phrase);
            } catch (InvalidMnemonicException e) {
                throw new UserError("the recovery words are not valid: " + e.getMessage(), ExitCodes.USAGE);
            }
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true,
            description = "Show the wallet's receive address (the latest one issued), issue a new one with --new, or "
                    + "list every issued address with its derivation path with --all.")
    static final class AddressOf implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        WalletFile wallet;

        @Option(names = "--new", description = "Issue the next receive address.")
        boolean issueNew;

        @Option(names = "--all", description = "List all issued addresses, receive and change (not with --new).")
        boolean all;

        // no default: the addresses are on this machine, a node is asked only when the user names one
        @Option(names = "--node", paramLabel = "URL",
                description = "Optional: a wallet whose used addresses were never looked up (restored without --node) "
                        + "looks them up at this node's HTTP API first, so --new does not issue one already used. "
                        + "Without it no node is asked.")
        String node;

        @Override
        public void run() {
            if (issueNew && all) {
                throw new UserError("--new and --all do not go together: run 'wallet address --new' to issue an address, "
                        + "then 'wallet address --all' to list them", ExitCodes.USAGE);
            }
            Wallet w = node == null ? LocalWallet.open(wallet.path())
                    : openDiscovered(wallet.path(), new HttpNodeClient(node, Optional.empty()),
                            spec.commandLine().getErr()).wallet();
            PrintWriter out = spec.commandLine().getOut();
            if (all) {
                for (IssuedAddress a : w.issuedAddresses()) {
                    out.println(a.address() + "  " + Wallet.pathOf(a) + "  " + a.chain().jsonName());
                }
            } else if (issueNew || w.latestReceiveAddress().isEmpty()) {
                try (KeystoreLock lock = LocalWallet.lock(wallet.path())) {
                    out.println(LocalWallet.open(wallet.path()).newReceiveAddress());
                }
            } else {
                out.println(w.latestReceiveAddress().orElseThrow());
            }
            out.flush();
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true,
            description = "The wallet's balance as the node sees it: spendable now, immature (mined, waiting for its "
                    + "confirmations), unconfirmed (in the pool).")
    static final class BalanceOf implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        WalletFile wallet;
        @Mixin
        NodeUrl node;

        @Mixin
        JsonOutput json;

        @Override
        public void run() {
            HttpNodeClient client = node.client();
            Opened opened = openDiscovered(wallet.path(), client, spec.commandLine().getErr());
            Wallet w = opened.wallet();
            NodeCoins coins = new NodeCoins(client, w);
            WalletTip tip = opened.tip();
            Balance b = w.balance(coins.utxos(), tip);
            PrintWriter out = spec.commandLine().getOut();
            if (json.on) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("spendable", b.spendable().toCoinString());
                o.put("immature", b.immature().toCoinString());
                o.put("unconfirmed", b.unconfirmed().toCoinString());
                o.put("total", b.total().toCoinString());
                o.put("height", tip.height());
                out.println(Json.pretty(o));
            } else {
                out.println("spendable:   " + b.spendable().toCoinString());
                out.println("immature:    " + b.immature().toCoinString());
                out.println("unconfirmed: " + b.unconfirmed().toCoinString());
                out.println("total:       " + b.total().toCoinString() + "  (at height " + tip.height() + ")");
            }
            out.flush();
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Pay AMOUNT coins to ADDRESS from the wallet's spendable coins, with change back to a new "
                    + "change address; the signed transaction is broadcast through the node.")
    static final class Send implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        WalletFile wallet;
        @Mixin
        NodeUrl node;
        @Mixin
        PasswordFile password;

        @Parameters(index = "0", paramLabel = "ADDRESS", description = "Where the coins go.")
        String to;

        @Parameters(index = "1", paramLabel = "AMOUNT", description = "How many coins, e.g. 1.5 (at most 8 decimals).")
        String amount;

        @Option(names = "--fee-rate", defaultValue = "1", paramLabel = "UNITS",
                description = "Fee in units per byte (default 1, the least the nodes' pools relay).")
        long feeRate;

        @Override
        public void run() {
            try (KeystoreLock lock = LocalWallet.lock(wallet.path())) {
                sendLocked();
            }
        }

        /** Under the wallet's lock: no other command spends the same coins or takes the same change index. */
        private void sendLocked() {
            Wallet w = LocalWallet.open(wallet.path());
            Address recipient = PaymentArguments.address(to, w.network(), ExitCodes.USAGE);
            Amount value = PaymentArguments.amount(amount, ExitCodes.USAGE);
            FeeRate rate = parsed("--fee-rate", () -> new FeeRate(feeRate));
            long least = MempoolConfig.DEFAULTS.minRelayFeeRate();
            if (feeRate < least) {
                // refused here, before the password is typed: every node's pool would refuse it
                throw new UserError("--fee-rate must be at least " + least + (least == 1 ? " unit" : " units")
                        + " per byte, the least a node's pool "
                        + "relays (got " + feeRate + ")", ExitCodes.USAGE);
            }
            HttpNodeClient client = node.client();
            NodeCoins coins = new NodeCoins(client, w);
            WalletTip tip = coins.tip(spec.commandLine().getErr());
            coins.catchUp(); // the coins and change addresses another copy of this wallet made count, and are not reused
            List<Utxo> utxos = coins.utxos();
            char[] pass = password.read("Wallet password", false);
            SignedPayment payment;
            try {
                payment = w.prepareSend(pass, recipient, value, rate, utxos, tip);
            } catch (InsufficientFundsException | KeystoreException | IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            } finally {
                Arrays.fill(pass, '\0');
            }
            // a refusal is a UserError here, before the change index is recorded: it stays free
            JsonNode accepted = client.post("/tx", Map.of("hex", payment.transaction().toHex()));
            w.recordSent(payment, Instant.now()); // the node has it: its change address is used either way
            PrintWriter out = spec.commandLine().getOut();
            if ("already_known".equals(accepted.path("status").asText())) {
                out.println("already sent: the node already has this payment of " + value.toCoinString() + " to " + recipient
                        + "; nothing new was sent");
                out.println("txid: " + accepted.path("txid").asText());
                out.flush();
                return;
            }
            out.println("sent " + value.toCoinString() + " to " + recipient + " (fee " + payment.selection().fee().toCoinString()
                    + payment.changeAddress().map(c -> ", change " + payment.selection().change().toCoinString() + " to " + c)
                            .orElse("") + ")");
            out.println("txid: " + accepted.path("txid").asText());
            out.flush();
        }

        /** Parses one of the user's arguments; a bad one is a usage error that names it. */
        private static <T> T parsed(String what, Supplier<T> parse) {
            try {
                return parse.get();
            } catch (IllegalArgumentException e) {
                throw new UserError(what + ": " + e.getMessage(), ExitCodes.USAGE);
            }
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "The wallet's transactions, pending first, then newest first, with what each did to the "
                    + "balance.")
    static final class History implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        WalletFile wallet;
        @Mixin
        NodeUrl node;

        @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "At most N transactions (default 50).")
        int limit;

        @Mixin
        JsonOutput json;

        @Override
        public void run() {
            if (limit < 1 || limit > 1000) {
                throw new UserError("--limit must be between 1 and 1000", ExitCodes.USAGE);
            }
            HttpNodeClient client = node.client();
            Opened opened = openDiscovered(wallet.path(), client, spec.commandLine().getErr());
            NodeCoins coins = new NodeCoins(client, opened.wallet());
            int maturity = opened.tip().coinbaseMaturity();
            PrintWriter out = spec.commandLine().getOut();
            List<NodeCoins.Movement> movements = coins.history(limit);
            List<SentPayment> gone = coins.gone(movements);
            if (json.on) {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (NodeCoins.Movement m : movements) {
                    ObjectNode o = arr.addObject();
                    o.put("txid", m.txid());
                    // -1 and 0 while pending, as GET /address/{a}/history has them
                    o.put("height", m.height());
                    o.put("confirmations", m.confirmations());
                    o.put("net", m.net());
                    o.put("net_units", m.netUnits());
                    o.put("coinbase", m.coinbase());
                    o.put("immature_for", m.toMaturity(maturity));
                }
                for (SentPayment p : gone) {
                    ObjectNode o = arr.addObject();
                    o.put("txid", p.txid());
                    o.put("gone", true);
                    o.put("to", p.to());
                    o.put("amount", Amount.ofUnits(p.amountUnits()).toCoinString());
                    o.put("sent_at", Instant.ofEpochSecond(p.at()).toString());
                }
                out.println(Json.pretty(arr));
                out.flush();
                return;
            }
            if (movements.isEmpty() && gone.isEmpty()) {
                out.println("no transactions yet");
            }
            for (NodeCoins.Movement m : movements) {
                String when = m.height() < 0 ? "pending" : "height " + m.height() + " (" + m.confirmations() + " conf)";
                String net = (m.netUnits() < 0 ? "" : "+") + m.net();
                long wait = m.toMaturity(maturity);
                // a reward counted as +50 looked spendable; balance says "immature", so does this
                String reward = !m.coinbase() ? "" : wait > 0 ? "  block reward, immature: spendable after " + wait
                        + (wait == 1 ? " more block" : " more blocks") : "  block reward";
                out.printf("%-28s %s %s%s%n", when, m.txid(), net, reward);
            }
            for (SentPayment p : gone) {
                out.printf("%-28s %s -%s to %s, sent %s%n", "gone", p.txid(), Amount.ofUnits(p.amountUnits()).toCoinString(),
                        p.to(), Instant.ofEpochSecond(p.at()));
            }
            if (!gone.isEmpty()) {
                out.println("gone: sent from this wallet, but the node knows no such transaction now: a conflicting "
                        + "payment of the same coins replaced it (a double spend), or a reorganisation undid it");
            }
            out.flush();
        }
    }
}
