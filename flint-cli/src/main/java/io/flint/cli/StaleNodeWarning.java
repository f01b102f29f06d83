package io.flint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The one line a wallet or client command prints on stderr when the node it asks may answer with
 * an old chain: one that is not synced (its balances miss the newer blocks), or one running in
 * malicious mode (honest peers ban it, so it falls behind). The command still does its work: the
 * answer may be what the user wants, but "total: 0" from a node left behind must not read as coins
 * gone.
 */
final class StaleNodeWarning {
    /** What an old chain means for a command about coins. */
    static final String BALANCES = "balances may be out of date";
    /** What an old chain means for {@code mine}: the block extends that chain, not the network's. */
    static final String MINING = "a block it mines may not end up in the network's best chain";

    private StaleNodeWarning() {}

    /**
     * The warning for a node whose {@code GET /status} is {@code status}, reached at {@code url};
     * empty when none.
     *
     * @param consequence what the old chain means for the command, e.g. {@link #BALANCES}
     */
    static Optional<String> of(JsonNode status, String url, String consequence) {
        boolean synced = !status.has("synced") || status.path("synced").asBoolean();
        boolean malicious = status.path("role").asText().contains("malicious");
        if (synced && !malicious) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder("warning: node ").append(status.path("id").asText()).append(" at ")
                .append(url);
        if (!synced) {
            JsonNode sync = status.path("sync");
            line.append(" is not synced (height ").append(sync.path("height").asLong(status.path("height").asLong()))
                    .append(", best known ").append(sync.path("best_known_height").asLong()).append(')');
        }
        if (malicious) {
            // such a node may call itself synced: the peers that ban it no longer show it their tips
            line.append(synced ? " runs in malicious mode at height " + status.path("height").asLong()
                    : " and runs in malicious mode").append(" (honest peers ban it, so it falls behind)");
        }
        return Optional.of(line.append(": ").append(consequence).append("; --node names another").toString());
    }

    /** Prints the warning for {@code status}, if any, on {@code err}. */
    static void print(JsonNode status, String url, String consequence, PrintWriter err) {
        of(status, url, consequence).ifPresent(w -> {
            err.println(w);
            err.flush();
        });
    }
}
