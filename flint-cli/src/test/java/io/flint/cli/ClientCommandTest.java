package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.TestChainBuilder;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.crypto.AddressVersion;
import io.flint.node.DataDirectory;
import io.flint.crypto.PrivateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flint client COMMAND}: each prompt command also runs once from the command line against
 * a real node, and every refusal is one line with a non-zero exit.
 */
class ClientCommandTest {
    @TempDir
    Path dir;
    RunningNode node;
    Path dataDir;

    @BeforeEach
    void start() {
        dataDir = dir.resolve("node");
        node = new RunningNode(dataDir, true);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private CliRun client(String... command) {
        String[] args = new String[4 + command.length];
        args[0] = "client";
        args[1] = "--node=" + node.url();
        args[2] = "--data-dir";
        args[3] = dataDir.toString();
        System.arraycopy(command, 0, args, 4, command.length);
        return CliRun.of(args);
    }

    private static String someone() {
        return PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
    }

    @Test
    void mineThenSendFromTheCommandLine() {
        CliRun mined = client("mine");
        assertThat(mined.exitCode()).as(mined.err()).isZero();
        assertThat(mined.out()).contains("mined block 1 ");
        node.mine(10);

        CliRun balance = client("balance");
        assertThat(balance.out()).startsWith("spendable 100, immature 450,");

        String to = someone();
        CliRun sent = client("send", to, "2.5");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("sent 2.5 to " + to).contains("txid ");
        assertThat(node.node.mempool().size()).isEqualTo(1);

        CliRun status = client("status");
        assertThat(status.out()).contains("node cli-test (full, regtest) at height 11")
                .contains("pool 1 transactions");
        assertThat(client("newaddress").out().strip()).matches("1[1-9A-HJ-NP-Za-km-z]{25,34}");
        assertThat(client("sync").out()).startsWith("syncing: ");
        assertThat(client("addpeer", "127.0.0.1:1").out()).startsWith("connecting: ");
        assertThat(client("help").out()).contains("send ADDRESS AMOUNT", "addpeer HOST:PORT");
    }

    @Test
    void refusalsAreOneLineWithAnExitCode() throws Exception {
        record Case(String[] command, String inError) {}
        Case[] cases = {
            new Case(new String[] {"send", "not-an-address", "1"}, "address"),
            new Case(new String[] {"send", someone(), "abc"}, "amount"),
            new Case(new String[] {"send", someone(), "1000"}, "insufficient"),
            new Case(new String[] {"send", someone()}, "usage: send ADDRESS AMOUNT"),
            new Case(new String[] {"addpeer", "localhost"}, "HOST:PORT"),
            new Case(new String[] {"fly"}, "unknown command 'fly'"),
        };
        for (Case c : cases) {
            CliRun r = client(c.command());
            assertThat(r.exitCode()).as(String.join(" ", c.command())).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.oneLineError()).as(r.err()).isTrue();
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
            assertThat(r.err()).containsIgnoringCase(c.inError());
        }

        int closed = FreePort.any();
        CliRun down = CliRun.of("client", "--node", "http://127.0.0.1:" + closed, "status");
        assertThat(down.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(down.err().strip()).isEqualTo("flint client: cannot reach the node at http://127.0.0.1:" + closed
                + " (is it running?)");
    }

    @Test
    void adminCommandsWithoutTheTokenSayHowToGiveIt() {
        CliRun r = CliRun.of("client", "--node", node.url(), "mine");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).as("nothing on stdout reads as an answer").isEmpty();
        assertThat(r.err().strip().lines().toList()).containsExactly(
                "asking the node to mine one block at difficulty 1.00 bits (it gives up after 120 s)...",
                "flint client: the node refused POST /mine: it needs the node's admin token; give --token TOKEN, "
                        + "set FLINT_TOKEN, or --data-dir DIR of the node (its api.token)");
        assertThat(r.oneLineError()).isTrue();

        CliRun wrong = CliRun.of("client", "--node", node.url(), "--token", "not-the-token", "sync");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err().strip()).isEqualTo("flint client: the node refused POST /sync: the admin token given is "
                + "wrong; give --token TOKEN, set FLINT_TOKEN, or --data-dir DIR of the node (its api.token)");
        assertThat(node.node.chain().height()).isZero();
    }

    @Test
    void theDataDirectoryAloneFindsTheNodeThroughItsApiUrl() throws Exception {
        // as `flint node` writes it; the node listens on a port of its own, not the default 7000
        Files.writeString(new DataDirectory(dataDir).apiUrl(), node.url() + "\n");

        CliRun status = CliRun.of("client", "--data-dir", dataDir.toString(), "status");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).containsIgnoringCase("height");
        CliRun mined = CliRun.of("client", "--data-dir", dataDir.toString(), "mine");
        assertThat(mined.exitCode()).as(mined.err()).isZero();
        assertThat(node.node.chain().height()).isEqualTo(1);
    }

    @Test
    void aDataDirectoryWithoutApiUrlNamesTheStoppedNodeAndSendsNothingToTheDefaultPort() throws Exception {
        // a stopped node's directory: its token must not go to whatever listens on 127.0.0.1:7000
        Files.writeString(new DataDirectory(dataDir).apiToken(), "secret\n");

        CliRun r = CliRun.of("client", "--data-dir", dataDir.toString(), "mine");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("flint client: no " + new DataDirectory(dataDir).apiUrl() + ": the node of "
                + dataDir + " is not running, or its HTTP API has not started yet (the node writes it then, and removes "
                + "it when it stops); give --node URL to name a node");
    }

    @Test
    void aDataDirectoryWithoutATokenServesTheReadOnlyCommandsAndAdminOnesSayWhy() throws Exception {
        // a node's address in a directory without its api.token (another user's node, or a copy of api.url)
        Path noToken = dir.resolve("elsewhere");
        Files.createDirectories(noToken);
        Files.writeString(new DataDirectory(noToken).apiUrl(), node.url() + "\n");

        for (String readOnly : List.of("status", "peers", "balance", "tips")) {
            CliRun r = CliRun.of("client", "--data-dir", noToken.toString(), readOnly);
            assertThat(r.exitCode()).as(readOnly + ": " + r.err()).isZero();
            assertThat(r.err()).as(readOnly).isEmpty();
        }
        CliRun mine = CliRun.of("client", "--data-dir", noToken.toString(), "mine");
        assertThat(mine.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(mine.out()).isEmpty();
        assertThat(mine.err().strip()).isEqualTo("flint client: mine needs the node's admin token: no admin token at "
                + new DataDirectory(noToken).apiToken() + " (has the node with that --data-dir started once?); give "
                + "--token TOKEN or set FLINT_TOKEN");
        assertThat(node.node.chain().height()).isZero();
    }

    @Test
    void aNodeGivenAsHostAndPortIsToldToBeAUrl() {
        String hostPort = node.url().substring("http://".length());

        CliRun r = CliRun.of("client", "--node", hostPort, "status");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).endsWith("--node '" + hostPort + "' is not an http:// URL (did you mean http://"
                + hostPort + " ?)");
    }

    /** After a reorganisation the abandoned branch is one line, with its length and where it left the best chain. */
    @Test
    void tipsListsTheBestChainAndTheBranchAReorganisationAbandoned() {
        node.mine(3);
        String abandoned = node.node.chain().tip().hash().toString();
        // a longer branch on block 1, as a partitioned group of nodes would have mined it
        List<Block> winner = new TestChainBuilder(NetworkParams.REGTEST).extend(node.node.chain().blockAt(1).orElseThrow(), 3);
        for (Block b : winner) {
            node.node.loop().call(() -> node.node.chain().submitBlock(b), Duration.ofSeconds(10));
        }

        CliRun tips = client("tips");

        assertThat(tips.exitCode()).as(tips.err()).isZero();
        assertThat(tips.out().lines().toList()).containsExactly(
                "  active       height 4       " + winner.get(2).hash() + "  (the best chain)",
                "  valid-fork   height 3       " + abandoned + "  (2 blocks since the fork at height 1)");
    }

    @Test
    void mineWithABadAddressIsRefusedBeforeTheNodeIsAsked() {
        CliRun r = client("mine", "notanaddress");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines().count()).as("no 'asking the node' line before the refusal: " + r.err())
                .isEqualTo(1);
        assertThat(r.err().strip()).startsWith("flint client: ADDRESS 'notanaddress' is not an address: ");
        assertThat(node.node.chain().height()).isZero();
    }

    @Test
    void aNodeBehindOrMaliciousIsNamedInAWarningAndTheCommandStillAnswers() throws Exception {
        try (RunningNode ahead = new RunningNode(dir.resolve("ahead"), true)) {
            ahead.mine(2);
            node.fallBehind(ahead);

            CliRun balance = client("balance");
            assertThat(balance.exitCode()).as(balance.err()).isZero();
            assertThat(balance.out()).startsWith("spendable 0,");
            assertThat(balance.err().strip()).isEqualTo("warning: node cli-test at " + node.url() + " is not synced "
                    + "(height 0, best known 2): balances may be out of date; --node names another");
            assertThat(client("peers").err()).as("a command about no coins gets no warning").isEmpty();
            CliRun mine = client("mine");
            assertThat(mine.exitCode()).as(mine.err()).isZero();
            assertThat(mine.err().lines().findFirst()).as("mining is not about balances").hasValue("warning: node "
                    + "cli-test at " + node.url() + " is not synced (height 0, best known 2): a block it mines may not "
                    + "end up in the network's best chain; --node names another");
        }
        try (RunningNode malicious = new RunningNode(dir.resolve("malicious"), b -> b.malicious = true)) {
            CliRun balance = CliRun.of("client", "--node", malicious.url(), "balance");
            assertThat(balance.exitCode()).as(balance.err()).isZero();
            assertThat(balance.err().strip()).isEqualTo("warning: node cli-test at " + malicious.url() + " runs in "
                    + "malicious mode at height 0 (honest peers ban it, so it falls behind): balances may be out of date; "
                    + "--node names another");
        }
    }

    @Test
    void aTokenFileThatCannotBeReadSaysWhy() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(new DataDirectory(elsewhere).apiToken());

        CliRun r = CliRun.of("client", "--node", node.url(), "--data-dir", elsewhere.toString(), "status");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err().strip()).isEqualTo("flint client: cannot read " + new DataDirectory(elsewhere).apiToken()
                + ": Is a directory");
    }
    /** The checks 'flint wallet send' makes, made here too before the node is asked to pay. */
    @Test
    void sendChecksTheAmountAndTheAddresssNetworkBeforeAskingTheNodeToPay() {
        node.mine(11);
        String to = someone();
        String testNetwork = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.TEST).toString();
        record Case(String address, String amount, String error) {}
        List<Case> cases = List.of(
                new Case(to, "0", "AMOUNT '0': the amount must be more than 0"),
                new Case(to, "0.00000001", "AMOUNT '0.00000001' is below the dust limit of 0.00000546 (546 units): "
                        + "no node would relay such an output"),
                new Case(to, "1.000000001", "AMOUNT '1.000000001': amount '1.000000001' has 9 decimals; the smallest "
                        + "unit is 0.00000001"),
                new Case(to, " 1", "AMOUNT ' 1': amount ' 1' has ' ' at position 0: only digits and one '.' are allowed"),
                new Case(testNetwork, "1", "ADDRESS '" + testNetwork + "' is one of the Bitcoin test-network "
                        + "addresses (they start with m or n); the regtest network pays Bitcoin main-network addresses "
                        + "(they start with 1)"));
        for (Case c : cases) {
            CliRun r = client("send", c.address(), c.amount());
            assertThat(r.exitCode()).as(c.amount()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err().strip()).as(c.amount()).isEqualTo("flint client: " + c.error());
        }
        assertThat(node.node.mempool().size()).as("nothing was paid").isZero();
        CliRun mine = client("mine", testNetwork);
        assertThat(mine.err().strip()).isEqualTo("flint client: ADDRESS '" + testNetwork + "' is one of the Bitcoin "
                + "test-network addresses (they start with m or n); the regtest network pays Bitcoin main-network "
                + "addresses (they start with 1)");
        assertThat(node.node.chain().height()).isEqualTo(11);
    }

    @Test
    void exitAndQuitLeaveInAnyCaseAndWithWordsAfterThem() {
        for (String line : List.of("exit", "EXIT", "Quit", "exit now", "quit now")) {
            assertThat(ClientSession.isExit(List.of(line.split(" ")))).as(line).isTrue();
        }
        assertThat(ClientSession.isExit(List.of("status"))).isFalse();
        CliRun oneShot = client("EXIT");
        assertThat(oneShot.exitCode()).isZero();
        assertThat(oneShot.out() + oneShot.err()).isEmpty();
    }

    @Test
    void aNodeUrlWithAPortOutOfRangeIsAUsageErrorNamingThePort() {
        CliRun r = CliRun.of("client", "--node", "http://127.0.0.1:99999", "status");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).isEqualTo("flint client: --node 'http://127.0.0.1:99999': port 99999 is outside "
                + "1..65535");
    }
}
