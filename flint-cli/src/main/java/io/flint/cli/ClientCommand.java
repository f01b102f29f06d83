package io.flint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code flint client}: a prompt (JLine: line editing, history, tab completion) for driving a
 * running node through its HTTP API, or one command given on the command line.
 */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Talk to a running node: a prompt with mine, addpeer HOST:PORT, sync, status, balance, "
            + "send ADDRESS AMOUNT, newaddress, peers, tips, help and exit (history and tab completion included).",
            "Give a command after the options to run just that one, e.g. 'flint client mine'.",
            "mine, addpeer, sync, send and newaddress need the node's admin token: --token, FLINT_TOKEN, "
            + "or --data-dir of the node (its api.token); status, balance, peers and tips work without it."},
        footer = {"", "Example: flint client --data-dir data/5000 status (the node at its api.url, with its api.token)"})
final class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    NodeUrl node;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The node's admin token (else env FLINT_TOKEN).")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The node's data directory: its api.token is the admin "
            + "token, and without --node or FLINT_NODE its api.url is the node's address.")
    Path dataDir;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "Run this one command and exit (e.g. mine, or send ADDRESS AMOUNT).")
    List<String> command;

    @Override
    public Integer call() throws IOException {
        Map<String, String> env = System.getenv();
        Optional<String> adminToken = AdminToken.resolve(token, dataDir, env);
        ClientSession session = new ClientSession(node.client(adminToken, dataDir, env),
                AdminToken.whyNone(adminToken, dataDir));
        PrintWriter out = spec.commandLine().getOut();
        if (command != null && !command.isEmpty()) {
            if (!ClientSession.isExit(command)) {
                session.run(command, out, spec.commandLine().getErr());
            }
            return ExitCodes.OK;
        }
        return prompt(session, historyFile(env));
    }

    /** $FLINT_HOME/client_history, else ~/.flint/client_history. */
    static Path historyFile(Map<String, String> env) {
        return LocalWallet.flintHome(env).resolve("client_history");
    }

    private int prompt(ClientSession session, Path history) throws IOException {
        // dumb(true): commands piped in (no terminal) work too, without JLine warning about it
        try (Terminal terminal = TerminalBuilder.builder().name("flint").system(true).dumb(true).build()) {
            try {
                Files.createDirectories(history.getParent());
            } catch (IOException e) {
                // no history across runs then; the prompt still works
            }
            LineReader reader = LineReaderBuilder.builder()
                    .appName("flint")
                    .terminal(terminal)
                    .completer(new ArgumentCompleter(new StringsCompleter(ClientSession.COMMANDS), NullCompleter.INSTANCE))
                    .variable(LineReader.HISTORY_FILE, history)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                    .build();
            PrintWriter out = terminal.writer();
            greet(session, out);
            while (true) {
                String line;
                try {
                    line = reader.readLine("flint> ");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C clears the line, as in a shell
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                List<String> words = Arrays.stream(line.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
                if (words.isEmpty()) {
                    continue;
                }
                if (ClientSession.isExit(words)) {
                    break;
                }
                runOne(session, words, out);
            }
            out.println("bye");
            out.flush();
            try {
                reader.getHistory().save();
            } catch (IOException | UncheckedIOException e) {
                // history is a convenience
            }
        }
        return ExitCodes.OK;
    }

    private static void greet(ClientSession session, PrintWriter out) {
        out.println("Flint client for the node at " + session.url() + " - type help for the commands, exit to leave.");
        runOne(session, List.of("status"), out);
    }

    /** One command; whatever fails is one line and the prompt goes on. */
    private static void runOne(ClientSession session, List<String> words, PrintWriter out) {
        try {
            session.run(words, out, out);
        } catch (UserError e) {
            out.println("error: " + e.getMessage());
        } catch (RuntimeException e) {
            out.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        out.flush();
    }
}
