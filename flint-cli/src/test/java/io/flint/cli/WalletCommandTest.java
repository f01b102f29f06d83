package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.PrivateKey;
import io.flint.wallet.KeystoreLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's wallet story against a real node: create a wallet, mine to its address, let the
 * reward mature, send to someone else, mine, and both sides' balances are right with the change
 * back in the wallet.
 */
class WalletCommandTest {
    @TempDir
    Path dir;
    RunningNode node;
    Path wallet;
    Path password;

    @BeforeEach
    void start() throws IOException {
        node = new RunningNode(dir.resolve("node"), true);
        wallet = dir.resolve("home").resolve("wallet.json");
        password = dir.resolve("password.txt");
        Files.writeString(password, "correct horse battery staple\n");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private CliRun flint(String... args) {
        return CliRun.of(args);
    }

    private CliRun wallet(String command, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("wallet", command, "--wallet", wallet.toString()));
        if (!command.equals("create") && !command.equals("address")) {
            args.addAll(List.of("--node", node.url()));
        }
        args.addAll(List.of(more));
        return flint(args.toArray(String[]::new));
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + out)).substring(prefix.length()).strip();
    }

    private String createWallet() {
        CliRun created = wallet("create", "--network", "regtest", "--password-file", password.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        return line(created.out(), "receive address:");
    }

    @Test
    void createMineMatureSendAndTheChangeComesBack() throws IOException {
        CliRun created = wallet("create", "--network", "regtest", "--password-file", password.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        String phrase = wordsOf(created);
        assertThat(created.out()).contains("shown only this once");
        String mine = line(created.out(), "receive address:");
        assertThat(Files.readString(wallet)).doesNotContain(phrase.split(" ")[0] + " " + phrase.split(" ")[1]);

        node.mine(mine);
        // a reward that cannot be spent yet says so (it read "+50", as if spendable)
        int maturity = NetworkParams.REGTEST.coinbaseMaturity();
        assertThat(wallet("history").out().strip()).contains("height 1 (1 conf)")
                .endsWith("+50  block reward, immature: spendable after " + (maturity - 1) + " more blocks");
        assertThat(Json.MAPPER.readTree(wallet("history", "--json").out()).get(0).path("immature_for").asLong())
                .isEqualTo(maturity - 1);
        node.mine(10);   // to the node's own address: the wallet's one reward matures
        CliRun balance = wallet("balance");
        assertThat(balance.exitCode()).as(balance.err()).isZero();
        assertThat(line(balance.out(), "spendable:")).isEqualTo("50");

        String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        CliRun sent = wallet("send", other, "12.5", "--password-file", password.toString());
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        Matcher m = Pattern.compile("fee ([0-9.]+), change ([0-9.]+) to (\\S+)\\)").matcher(sent.out());
        assertThat(m.find()).as(sent.out()).isTrue();
        Amount fee = Amount.parse(m.group(1));
        Amount change = Amount.parse(m.group(2));
        String changeAddress = m.group(3);
        assertThat(fee.units()).isPositive();
        assertThat(change).isEqualTo(Amount.ofCoins(50).subtract(Amount.parse("12.5")).subtract(fee));
        String txid = line(sent.out(), "txid:");
        assertThat(node.admin.get("/tx/" + txid).path("status").asText()).isEqualTo("pooled");
        assertThat(line(wallet("balance").out(), "unconfirmed:")).isEqualTo(change.toCoinString());

        node.mine(null);

        assertThat(node.admin.get("/tx/" + txid).path("confirmations").asLong()).isEqualTo(1);
        assertThat(node.admin.get("/address/" + other + "/balance").path("confirmed").asText()).isEqualTo("12.5");
        assertThat(node.admin.get("/address/" + changeAddress + "/balance").path("confirmed").asText())
                .isEqualTo(change.toCoinString());
        CliRun after = wallet("balance");
        assertThat(line(after.out(), "spendable:")).isEqualTo(change.toCoinString());
        assertThat(line(after.out(), "unconfirmed:")).isEqualTo("0");
        assertThat(wallet("address", "--all").out()).contains(changeAddress + "  m/44'/0'/0'/1/0");

        CliRun history = wallet("history");
        assertThat(history.exitCode()).as(history.err()).isZero();
        List<String> lines = history.out().lines().toList();
        assertThat(lines.get(0)).contains(txid).endsWith("-" + Amount.parse("12.5").add(fee).toCoinString());
        assertThat(lines.get(1)).contains("height 1 ").endsWith("+50  block reward");
        CliRun historyJson = wallet("history", "--json");
        assertThat(historyJson.exitCode()).as(historyJson.err()).isZero();
        JsonNode moves = Json.MAPPER.readTree(historyJson.out());
        assertThat(moves).hasSize(2);
        assertThat(moves.get(0).path("txid").asText()).isEqualTo(txid);
        assertThat(moves.get(0).path("net").asText()).isEqualTo("-" + Amount.parse("12.5").add(fee).toCoinString());
        assertThat(moves.get(0).path("net_units").asLong()).isEqualTo(-Amount.parse("12.5").add(fee).units());
        assertThat(moves.get(0).path("confirmations").asLong()).isEqualTo(1);
        assertThat(moves.get(1).path("height").asLong()).isEqualTo(1);
        assertThat(moves.get(1).path("net").asText()).isEqualTo("50");
        assertThat(moves.get(1).path("coinbase").asBoolean()).isTrue();
        assertThat(moves.get(1).path("immature_for").asLong()).isZero();
        assertThat(moves.get(0).path("coinbase").asBoolean()).isFalse();

        // the words alone bring the same wallet back
        Path words = dir.resolve("words.txt");
        Files.writeString(words, phrase + "\n");
        CliRun restored = flint("wallet", "create", "--restore", "--words-file", words.toString(), "--network", "regtest",
                "--wallet", dir.resolve("restored.json").toString(), "--password-file", password.toString());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.out()).doesNotContain(phrase);
        assertThat(line(restored.out(), "receive address:")).isEqualTo(mine);
    }

    /**
     * A payment the node no longer knows (a double spend replaced it, a reorganisation undid it)
     * is listed as gone, not left out: a lecturer's double-spend lab saw a wallet's own payment
     * vanish from its history, which then read "no transactions yet". Here the wallet asks a
     * second node of the same network that never saw the payment, as it would after the branch
     * that had it lost.
     */
    @Test
    void aPaymentTheNodeDoesNotKnowIsListedAsGone() throws IOException {
        String mine = createWallet();
        node.mine(mine);
        node.mine(10);
        String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        CliRun sent = wallet("send", other, "3", "--password-file", password.toString());
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        String txid = line(sent.out(), "txid:");

        CliRun here = wallet("history");
        assertThat(here.out()).contains("pending").contains(txid).doesNotContain("gone");

        try (RunningNode elsewhere = new RunningNode(dir.resolve("elsewhere"), true)) {
            CliRun there = flint("wallet", "history", "--wallet", wallet.toString(), "--node", elsewhere.url());
            assertThat(there.exitCode()).as(there.err()).isZero();
            assertThat(there.out()).doesNotContain("no transactions yet");
            assertThat(there.out().lines()).anySatisfy(l -> assertThat(l).startsWith("gone").contains(txid, "-3 to " + other));
            assertThat(there.out()).contains("a conflicting payment of the same coins replaced it (a double spend), or "
                    + "a reorganisation undid it");
            JsonNode json = Json.MAPPER.readTree(flint("wallet", "history", "--json", "--wallet", wallet.toString(),
                    "--node", elsewhere.url()).out());
            assertThat(json).hasSize(1);
            assertThat(json.get(0).path("txid").asText()).isEqualTo(txid);
            assertThat(json.get(0).path("gone").asBoolean()).isTrue();
            assertThat(json.get(0).path("amount").asText()).isEqualTo("3");
            assertThat(json.get(0).path("to").asText()).isEqualTo(other);
        }
    }

    @Test
    void restoringFindsCoinsOnChangeAndLaterReceiveAddressesAndReusesNone() throws IOException {
        String phrase = createdWithAMatureReward();
        String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        CliRun sent = wallet("send", other, "12.5", "--password-file", password.toString());
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        String usedChange = changeAddressOf(sent.out());
        wallet("address", "--new");
        String laterReceive = wallet("address", "--new").out().strip();   // m/0/2; m/0/1 stays unused
        node.mine(laterReceive);
        node.mine(null);
        String originalTotal = line(wallet("balance").out(), "total:").split(" ")[0];
        assertThat(Amount.parse(originalTotal)).isGreaterThan(Amount.ofCoins(50));

        Path words = dir.resolve("words.txt");
        Files.writeString(words, phrase + "\n");
        Path restored = dir.resolve("restored.json");
        CliRun restore = flint("wallet", "create", "--restore", "--words-file", words.toString(), "--network", "regtest",
                "--wallet", restored.toString(), "--password-file", password.toString(), "--node", node.url());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("addresses in use at the node: receive up to index 2, change up to index 0 ("
                + ((2 + 1 + 20) + (0 + 1 + 20)) + " looked up)");
        // the receive address it shows is the original's current one, the latest used (a tester's two
        // restores of the same words showed two different ones, depending on when the lookup ran)
        assertThat(line(restore.out(), "receive address:")).isEqualTo(laterReceive)
                .isEqualTo(wallet("address").out().strip());
        CliRun all = flint("wallet", "address", "--all", "--wallet", restored.toString());
        assertThat(all.out()).contains(usedChange + "  m/44'/0'/0'/1/0").contains(laterReceive + "  m/44'/0'/0'/0/2")
                .doesNotContain("m/44'/0'/0'/0/3");
        CliRun restoredBalance = flint("wallet", "balance", "--wallet", restored.toString(), "--node", node.url());
        assertThat(line(restoredBalance.out(), "total:").split(" ")[0]).isEqualTo(originalTotal);

        CliRun again = flint("wallet", "send", other, "1", "--wallet", restored.toString(), "--node", node.url(),
                "--password-file", password.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        String newChange = changeAddressOf(again.out());
        assertThat(newChange).isNotEqualTo(usedChange);
        assertThat(flint("wallet", "address", "--all", "--wallet", restored.toString()).out())
                .contains(newChange + "  m/44'/0'/0'/1/1");

        // restored without a node: the first command that talks to one looks the addresses up
        Path later = dir.resolve("later.json");
        CliRun offline = flint("wallet", "create", "--restore", "--words-file", words.toString(), "--network", "regtest",
                "--wallet", later.toString(), "--password-file", password.toString());
        assertThat(offline.out()).contains("looked up at the node the first time");
        // once looked up, it shows the same current address as the other restore
        CliRun current = flint("wallet", "address", "--wallet", later.toString(), "--node", node.url());
        assertThat(current.out().strip()).isEqualTo(laterReceive);
        // address --new issues the next one after the highest used (m/0/2)
        CliRun issued = flint("wallet", "address", "--new", "--wallet", later.toString(), "--node", node.url());
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        assertThat(flint("wallet", "address", "--all", "--wallet", later.toString()).out())
                .contains(issued.out().strip() + "  m/44'/0'/0'/0/3");
        CliRun laterBalance = flint("wallet", "balance", "--wallet", later.toString(), "--node", node.url());
        assertThat(laterBalance.exitCode()).as(laterBalance.err()).isZero();
        CliRun restoredAfterSend = flint("wallet", "balance", "--wallet", restored.toString(), "--node", node.url());
        assertThat(line(laterBalance.out(), "total:").split(" ")[0])
                .isEqualTo(line(restoredAfterSend.out(), "total:").split(" ")[0]);
    }

    /**
     * Two copies of one wallet (a class restoring the same words on two machines): what one
     * copy uses after the other was restored - a payment's change, a new receive address that is
     * paid - counts in the other's balance without restoring it again, and its next change
     * address is not the one the first copy already used.
     */
    @Test
    void aCopyRestoredEarlierSeesTheAddressesTheOtherCopyUsedSince() throws IOException {
        String phrase = createdWithAMatureReward();
        Path words = dir.resolve("words.txt");
        Files.writeString(words, phrase + "\n");
        Path copy = dir.resolve("copy.json");
        CliRun restore = flint("wallet", "create", "--restore", "--words-file", words.toString(), "--network", "regtest",
                "--wallet", copy.toString(), "--password-file", password.toString(), "--node", node.url());
        assertThat(restore.exitCode()).as(restore.err()).isZero();

        // the original pays someone (change to m/1/0) and is paid on a new receive address (m/0/1)
        String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        CliRun sent = wallet("send", other, "12.5", "--password-file", password.toString());
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        String usedChange = changeAddressOf(sent.out());
        String newReceive = wallet("address", "--new").out().strip();
        node.mine(newReceive);
        node.mine(null);
        String originalTotal = line(wallet("balance").out(), "total:").split(" ")[0];

        CliRun copyBalance = flint("wallet", "balance", "--wallet", copy.toString(), "--node", node.url());
        assertThat(copyBalance.exitCode()).as(copyBalance.err()).isZero();
        assertThat(line(copyBalance.out(), "total:").split(" ")[0]).isEqualTo(originalTotal);
        assertThat(flint("wallet", "address", "--all", "--wallet", copy.toString()).out())
                .contains(usedChange + "  m/44'/0'/0'/1/0").contains(newReceive + "  m/44'/0'/0'/0/1");

        // the copy's own payment takes the next change address, not the original's
        CliRun copySent = flint("wallet", "send", other, "1", "--wallet", copy.toString(), "--node", node.url(),
                "--password-file", password.toString());
        assertThat(copySent.exitCode()).as(copySent.err()).isZero();
        assertThat(changeAddressOf(copySent.out())).isNotEqualTo(usedChange);
        assertThat(flint("wallet", "address", "--all", "--wallet", copy.toString()).out())
                .contains(changeAddressOf(copySent.out()) + "  m/44'/0'/0'/1/1");
        // and the original, in turn, sees the copy's payment and change
        assertThat(line(wallet("balance").out(), "total:").split(" ")[0])
                .isEqualTo(line(flint("wallet", "balance", "--wallet", copy.toString(), "--node", node.url()).out(),
                        "total:").split(" ")[0]);
    }

    /** Makes the wallet, mines one block to it and 10 more (its reward matures); its recovery words. */
    private String createdWithAMatureReward() {
        CliRun created = wallet("create", "--network", "regtest", "--password-file", password.toString());
        node.mine(line(created.out(), "receive address:"));
        node.mine(10);
        return wordsOf(created);
    }

    /** The 12 recovery words that {@code wallet create} printed. */
    private static String wordsOf(CliRun created) {
        return created.out().lines().map(String::strip).filter(l -> l.split(" ").length == 12).findFirst().orElseThrow();
    }

    private static String changeAddressOf(String sendOutput) {
        Matcher m = Pattern.compile("change [0-9.]+ to (\\S+)\\)").matcher(sendOutput);
        assertThat(m.find()).as(sendOutput).isTrue();
        return m.group(1);
    }

    @Test
    void aSendWhileAnotherCommandHoldsTheWalletIsRefusedAndSpendsNothing() throws IOException {
        String mine = createWallet();
        node.mine(mine);
        node.mine(10);
        String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();

        CliRun refused;
        try (KeystoreLock held = KeystoreLock.acquire(wallet)) {
            refused = wallet("send", other, "1", "--password-file", password.toString());
        }

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.oneLineError()).isTrue();
        assertThat(refused.err()).contains("the wallet " + wallet + " is in use by another flint command");
        assertThat(node.node.mempool().size()).isZero();
        assertThat(wallet("address", "--all").out()).doesNotContain("change");
        assertThat(wallet("send", other, "1", "--password-file", password.toString()).out()).startsWith("sent 1 to ");
    }

    @Test
    void twoSendsAtOnceNeverReportTheSamePaymentTwice() throws Exception {
        String mine = createWallet();
        node.mine(mine);
        node.mine(mine);
        node.mine(10);
        String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<CliRun> runs;
        try {
            java.util.concurrent.Callable<CliRun> send = () -> wallet("send", other, "1", "--password-file", password.toString());
            runs = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<CliRun> f : pool.invokeAll(List.of(send, send))) {
                runs.add(f.get());
            }
        } finally {
            pool.shutdown();
        }

        List<CliRun> sent = runs.stream().filter(r -> r.exitCode() == 0).toList();
        assertThat(sent).isNotEmpty();
        for (CliRun r : runs) {
            if (r.exitCode() != 0) {
                assertThat(r.err()).contains("is in use by another flint command");
            }
        }
        assertThat(sent.stream().map(r -> line(r.out(), "txid:")).distinct().count()).isEqualTo(sent.size());
        assertThat(sent.stream().map(r -> changeAddressOf(r.out())).distinct().count()).isEqualTo(sent.size());
        assertThat(node.node.mempool().size()).isEqualTo(sent.size());
    }

    @Test
    void aWrongPasswordSpendsNothing() throws IOException {
        String mine = createWallet();
        node.mine(mine);
        node.mine(10);
        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, "not it\n");
        String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();

        CliRun r = wallet("send", other, "1", "--password-file", wrong.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.oneLineError()).isTrue();
        assertThat(r.err()).containsIgnoringCase("password");
        assertThat(node.node.mempool().size()).isZero();
    }

    @Test
    void aShortNewPasswordIsAllowedWithAWarning() throws IOException {
        Path shortPassword = dir.resolve("short.txt");
        Files.writeString(shortPassword, "a\n");
        CliRun created = wallet("create", "--network", "regtest", "--password-file", shortPassword.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err().strip()).isEqualTo("warning: a password of fewer than 8 characters protects the keystore "
                + "little: whoever gets the file can guess it");
        CliRun longEnough = flint("wallet", "create", "--network", "regtest", "--wallet", dir.resolve("w2.json").toString(),
                "--password-file", password.toString());
        assertThat(longEnough.err()).doesNotContain("warning");
    }

    @Test
    void mistakesAreOneLineErrors() throws IOException {
        createWallet();
        CliRun again = wallet("create", "--network", "regtest", "--password-file", password.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.err()).contains("already exists");

        CliRun badAmount = wallet("send", node.node.payoutAddress().toString(), "1.2.3", "--password-file",
                password.toString());
        assertThat(badAmount.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badAmount.oneLineError()).isTrue();
        assertThat(badAmount.err()).contains("AMOUNT '1.2.3'");

        String typo = node.node.payoutAddress().toString();
        typo = typo.substring(0, typo.length() - 1) + (typo.endsWith("a") ? "b" : "a");
        CliRun badAddress = wallet("send", typo, "1", "--password-file", password.toString());
        assertThat(badAddress.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badAddress.oneLineError()).isTrue();
        assertThat(badAddress.err()).contains("ADDRESS '" + typo + "'").contains("checksum");

        CliRun poor = wallet("send", node.node.payoutAddress().toString(), "5", "--password-file", password.toString());
        assertThat(poor.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(poor.err()).contains("insufficient").contains("the least fee").doesNotContain("Exception");

        // below the pools' minimum relay fee: refused here, before a password is asked for
        CliRun free = wallet("send", node.node.payoutAddress().toString(), "1", "--fee-rate", "0");
        assertThat(free.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(free.err().strip()).isEqualTo("flint wallet send: --fee-rate must be at least 1 unit per byte, the "
                + "least a node's pool relays (got 0)");

        CliRun noWallet = flint("wallet", "balance", "--wallet", dir.resolve("none.json").toString(), "--node", node.url());
        assertThat(noWallet.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(noWallet.err()).contains("no wallet at").contains("flint wallet create");

        CliRun down = flint("wallet", "balance", "--wallet", wallet.toString(), "--node", "http://127.0.0.1:1");
        assertThat(down.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(down.err().strip()).endsWith("cannot reach the node at http://127.0.0.1:1 (is it running?)");

        Path demoWallet = dir.resolve("demo.json");
        assertThat(flint("wallet", "create", "--wallet", demoWallet.toString(), "--password-file", password.toString())
                .exitCode()).isZero();
        CliRun otherNetwork = flint("wallet", "balance", "--wallet", demoWallet.toString(), "--node", node.url());
        assertThat(otherNetwork.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(otherNetwork.err()).contains("'regtest' network").contains("'demo'");

        CliRun noWords = flint("wallet", "create", "--restore", "--words-file", dir.resolve("nosuch.txt").toString(),
                "--wallet", dir.resolve("w.json").toString(), "--password-file", password.toString());
        assertThat(noWords.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noWords.err().strip()).endsWith("cannot read --words-file " + dir.resolve("nosuch.txt") + ": no such file");

        Path emptyPassword = dir.resolve("empty.txt");
        Files.writeString(emptyPassword, "\n");
        CliRun empty = flint("wallet", "create", "--wallet", dir.resolve("e.json").toString(), "--password-file",
                emptyPassword.toString());
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.exists(dir.resolve("e.json"))).isFalse();
    }

    @Test
    void everyWalletCommandTakesWalletAndNode() {
        picocli.CommandLine walletCommand = FlintMain.newCommandLine().getSubcommands().get("wallet");
        assertThat(walletCommand.getSubcommands().keySet()).contains("create", "address", "balance", "send", "history");
        walletCommand.getSubcommands().forEach((name, sub) -> {
            assertThat(sub.getCommandSpec().findOption("--wallet")).as(name + " --wallet").isNotNull();
            assertThat(sub.getCommandSpec().findOption("--node")).as(name + " --node").isNotNull();
        });
        String first = createWallet();
        CliRun withNode = flint("wallet", "address", "--wallet", wallet.toString(), "--node", node.url());
        assertThat(withNode.exitCode()).as(withNode.err()).isZero();
        assertThat(withNode.out().strip()).isEqualTo(first);
    }

    @Test
    void newAndAllTogetherIsAUsageErrorThatIssuesNothing() {
        String first = createWallet();
        CliRun both = flint("wallet", "address", "--new", "--all", "--wallet", wallet.toString(), "--node", node.url());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.oneLineError()).isTrue();
        assertThat(both.err()).contains("--new and --all do not go together");
        assertThat(wallet("address").out().strip()).isEqualTo(first);
    }

    @Test
    void addressShowsTheLatestAndIssuesNewOnes() {
        String first = createWallet();
        assertThat(wallet("address").out().strip()).isEqualTo(first);
        String second = wallet("address", "--new").out().strip();
        assertThat(second).isNotEqualTo(first);
        assertThat(wallet("address").out().strip()).isEqualTo(second);
        assertThat(wallet("address", "--all").out()).contains(first + "  m/44'/0'/0'/0/0").contains(second + "  m/44'/0'/0'/0/1");
    }

    @Test
    void aNodeThatIsNotSyncedAnswersWithAWarningNamingItsHeightsOnStderr() throws Exception {
        createWallet();
        try (RunningNode ahead = new RunningNode(dir.resolve("ahead"), true)) {
            ahead.mine(3);
            node.fallBehind(ahead);
            String warning = "warning: node cli-test at " + node.url() + " is not synced (height 0, best known 3): "
                    + "balances may be out of date; --node names another";

            CliRun balance = wallet("balance");
            assertThat(balance.exitCode()).as(balance.err()).isZero();
            assertThat(line(balance.out(), "total:")).isEqualTo("0  (at height 0)");
            assertThat(balance.err().strip()).isEqualTo(warning);

            // the warning comes before the refusal, so "have 0" does not read as coins gone
            String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
            CliRun send = wallet("send", other, "1", "--password-file", password.toString());
            assertThat(send.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(send.err().strip().lines().toList()).hasSize(2).first().isEqualTo(warning);
            assertThat(send.err()).contains("insufficient funds");

            assertThat(wallet("history").err().strip()).isEqualTo(warning);
            CliRun synced = flint("wallet", "balance", "--wallet", wallet.toString(), "--node", ahead.url());
            assertThat(synced.exitCode()).as(synced.err()).isZero();
            assertThat(synced.err()).as("a synced node gets no warning").isEmpty();
        }
    }

    @Test
    void aFileThatCannotBeReadIsNamedWithTheReasonNotTheBarePath() throws IOException {
        createWallet();
        String other = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        Path missing = dir.resolve("nonexist");
        CliRun noPassword = wallet("send", other, "1", "--password-file", missing.toString());
        assertThat(noPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPassword.err().strip()).endsWith("cannot read --password-file " + missing + ": no such file");

        Path underAFile = password.resolve("x");
        CliRun notDir = wallet("send", other, "1", "--password-file", underAFile.toString());
        assertThat(notDir.err().strip()).endsWith("cannot read --password-file " + underAFile + ": Not a directory");

        Path directory = Files.createDirectories(dir.resolve("adir"));
        CliRun dirWallet = flint("wallet", "balance", "--wallet", directory.toString(), "--node", node.url());
        assertThat(dirWallet.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(dirWallet.oneLineError()).as(dirWallet.err()).isTrue();
        assertThat(dirWallet.err().strip()).endsWith("cannot read the wallet " + directory + ": Is a directory");
    }
    /** Without --restore they would be ignored and a new wallet made, as if from the words the user gave. */
    @Test
    void wordsFileOrNodeWithoutRestoreAreUsageErrorsAndCreateNothing() throws IOException {
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
                + "abandon about\n");
        CliRun wordsOnly = flint("wallet", "create", "--words-file", words.toString(), "--wallet", wallet.toString(),
                "--password-file", password.toString());
        assertThat(wordsOnly.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wordsOnly.err().strip()).isEqualTo("flint wallet create: --words-file goes with --restore: 'wallet "
                + "create --restore --words-file FILE' makes the wallet from existing words; 'wallet create' alone makes "
                + "a new one");
        CliRun nodeOnly = flint("wallet", "create", "--node", node.url(), "--wallet", wallet.toString(),
                "--password-file", password.toString());
        assertThat(nodeOnly.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nodeOnly.err()).contains("--node goes with --restore");
        assertThat(wallet).doesNotExist();
    }

    @Test
    void aDustAmountIsAUsageErrorBeforeTheNodeIsAsked() {
        createWallet();
        CliRun dust = flint("wallet", "send", node.node.payoutAddress().toString(), "0.00000545", "--wallet",
                wallet.toString(), "--node", "http://127.0.0.1:1", "--password-file", password.toString());
        assertThat(dust.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dust.err().strip()).isEqualTo("flint wallet send: AMOUNT '0.00000545' is below the dust limit of "
                + "0.00000546 (546 units): no node would relay such an output");
    }
}
