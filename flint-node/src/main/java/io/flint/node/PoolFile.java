package io.flint.node;

import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.MempoolEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mempool.txt}: the unconfirmed transactions a node held when it stopped, one raw
 * transaction in hex per line, parents before children (as Bitcoin Core keeps
 * {@code mempool.dat}). Without it a payment the user was told was sent vanished when its node
 * restarted before a block took it and no peer had it. The running node writes it every few
 * minutes too, so a kill -9 loses only the payments of the last few minutes (it lost all of
 * them). Read at the next start and left in place until the next save: every line is checked
 * again as if a peer sent it, so what a block has taken or spent since is refused, not restored.
 * A damaged line is reported and skipped, never fatal.
 */
final class PoolFile {
    private static final Logger log = LoggerFactory.getLogger(PoolFile.class);

    private final Path path;
    /** The txids written last, so that a periodic save of an unchanged pool writes nothing. */
    private List<Hash> saved;

    PoolFile(Path path) {
        this.path = path;
    }

    /** Writes the pool's transactions at a stop (logged); an empty pool leaves no file. */
    void save(List<MempoolEntry> entries) {
        if (write(entries)) {
            log.info("saved {} unconfirmed transaction(s) to {} for the next start", entries.size(), path);
        }
    }

    /** The same while the node runs, in case there is no clean stop: quiet, and only when the pool changed. */
    void saveIfChanged(List<MempoolEntry> entries) {
        if (!entries.stream().map(MempoolEntry::txid).toList().equals(saved) && write(entries)) {
            log.debug("saved {} unconfirmed transaction(s) to {}", entries.size(), path);
        }
    }

    private boolean write(List<MempoolEntry> entries) {
        try {
            if (entries.isEmpty()) {
                Files.deleteIfExists(path);
            } else {
                StringBuilder text = new StringBuilder();
                for (MempoolEntry e : entries) {
                    text.append(e.tx().toHex()).append('\n');
                }
                DataDirectory.writeOwnerOnly(path, text.toString());
            }
            saved = entries.stream().map(MempoolEntry::txid).toList();
            return !entries.isEmpty();
        } catch (IOException e) {
            log.warn("could not save the pool's {} transaction(s) to {}: {}", entries.size(), path, e.getMessage());
            return false;
        }
    }

    /**
     * Offers the saved transactions to {@code accept} in their saved order.
     * @return those admitted, in that order
     */
    List<Transaction> restore(Function<Transaction, AcceptOutcome> accept) {
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("ignoring {}: {}", path, e.getMessage());
            return List.of();
        }
        List<Transaction> admitted = new ArrayList<>();
        int offered = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            offered++;
            try {
                Transaction tx = Transaction.fromHex(line);
                AcceptOutcome outcome = accept.apply(tx);
                if (outcome instanceof AcceptOutcome.Accepted) {
                    admitted.add(tx);
                } else if (outcome instanceof AcceptOutcome.Rejected r) {
                    log.info("saved transaction {} no longer fits the pool: {}", r.txid(), r.rejection());
                }
            } catch (RuntimeException e) {
                log.warn("{} line {}: not a transaction ({}); skipped", path, i + 1, e.getMessage());
            }
        }
        log.info("restored {} of {} unconfirmed transaction(s) saved in {}", admitted.size(), offered, path);
        return admitted;
    }
}
