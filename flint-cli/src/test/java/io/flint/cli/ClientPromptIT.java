package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.crypto.AddressVersion;
import io.flint.crypto.PrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code flint client} prompt as a person uses it: the packaged {@code ./flint} in a
 * pseudo-terminal ({@code script} from util-linux), keys typed one line at a time, the screen read
 * back. A short session: status, mine, newaddress, send, a bad command, tab completion, exit.
 */
class ClientPromptIT {
    /** Terminal control sequences JLine writes (cursor moves, colours, bracketed paste...). */
    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()=>][0-9A-Za-z]?|\u001B\\][^\u0007]*\u0007|\r|\u0007");
    private static final long WAIT_MS = 60_000;

    @TempDir
    Path dir;
    RunningNode node;
    Process prompt;
    final StringBuilder screen = new StringBuilder();
    int read; // how much of the screen the test has looked at

    @BeforeEach
    void start() {
        node = new RunningNode(dir.resolve("node"), true);
        node.mine(11); // the first rewards are spendable from the next block on
    }

    @AfterEach
    void stop() {
        if (prompt != null) {
            prompt.destroyForcibly();
        }
        node.close();
    }

    private void open() throws IOException {
        String flint = ProcessRun.ROOT.resolve("flint").toString();
        String command = "stty cols 160 rows 50; exec '" + flint + "' client --node " + node.url() + " --data-dir '"
                + dir.resolve("node") + "'";
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
        pb.environment().put("FLINT_NO_BUILD", "1");
        pb.environment().put("FLINT_HOME", dir.resolve("home").toString());
        pb.environment().put("TERM", "xterm-256color");
        pb.environment().remove("FLINT_TOKEN");
        prompt = pb.start();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (InputStream in = prompt.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (screen) {
                        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        screen.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private String plain() {
        synchronized (screen) {
            return ESCAPES.matcher(screen).replaceAll("");
        }
    }

    /** Waits until {@code regex} shows on the screen after what was already read; returns the match. */
    private Matcher expect(String regex) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            String text = plain();
            Matcher m = p.matcher(text);
            if (m.find(Math.min(read, text.length()))) {
                read = m.end();
                return m;
            }
            if (System.currentTimeMillis() > deadline || !prompt.isAlive() && text.equals(plain())) {
                throw new AssertionError("'" + regex + "' did not show; the screen after " + read + ":\n" + text.substring(
                        Math.min(read, text.length())));
            }
            synchronized (screen) {
                screen.wait(200);
            }
        }
    }

    private void type(String keys) throws IOException {
        OutputStream in = prompt.getOutputStream();
        in.write(keys.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Test
    void aShortSessionAtThePrompt() throws Exception {
        open();
        expect("Flint client for the node at " + Pattern.quote(node.url()));
        expect("node cli-test \\(full, regtest\\) at height 11");
        expect("flint> ");

        type("status\r");
        expect("at height 11, tip [0-9a-f]{64}");
        expect("flint> ");

        type("mine\r");
        expect("mined block 12 [0-9a-f]{64} \\(1 transaction\\)");
        expect("flint> ");

        type("newaddress\r");
        String address = expect("\n(1[1-9A-HJ-NP-Za-km-z]{25,34})\n").group(1);
        assertThat(node.node.wallet().addresses().stream().map(Object::toString)).contains(address);
        expect("flint> ");

        String to = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        type("send " + to + " 1.5\r");
        expect("sent 1.5 to " + to + ", fee [0-9.]+");
        String txid = expect("txid ([0-9a-f]{64})").group(1);
        assertThat(node.node.mempool().contains(io.flint.core.Hash.fromDisplayHex(txid))).isTrue();
        expect("flint> ");

        type("fly to the moon\r");
        expect("error: unknown command 'fly' \\(type help for the list\\)");
        expect("flint> ");
        type("send " + to + " lots\r");
        expect("error: AMOUNT .lots.: .*");  // checked before anything is asked of the node
        expect("flint> ");
        type("send " + to + " 0.00000001\r");
        expect("error: AMOUNT .0\\.00000001. is below the dust limit");
        expect("flint> ");

        // tab completes the command name
        type("bala\t\r");
        expect("spendable [0-9.]+, immature [0-9.]+, unconfirmed [0-9.]+, total");
        expect("flint> ");

        // as typed in a hurry: any case, words after it
        type("Quit now\r");
        expect("bye");
        assertThat(prompt.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(prompt.exitValue()).isZero();
        List<String> history = Files.readAllLines(dir.resolve("home").resolve("client_history"));
        assertThat(String.join("\n", history)).contains("newaddress", "send " + to + " 1.5", "balance");
    }
}
