package io.flint.chain;

import io.flint.core.Rejection;
import io.flint.core.consensus.ScriptCheck;
import io.flint.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs a block's script checks on a worker pool: the checks are cut into chunks in block order,
 * each chunk reports its first failure, and the caller waits for all of them, so the failure
 * reported is always the lowest transaction and input index, however the threads interleave.
 * {@link #start} returns at once, so the caller can do the block's other work meanwhile.
 */
final class ScriptVerifier {
    private final Executor executor;
    private final Secp256k1 engine;
    private final int chunkSize;

    ScriptVerifier(Executor executor, Secp256k1 engine, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkSize);
        }
        this.executor = executor;
        this.engine = engine;
        this.chunkSize = chunkSize;
    }

    /** Checks running on the pool; {@link #await()} joins them. */
    final class Pending {
        private final List<CompletableFuture<Optional<Rejection>>> chunks;

        private Pending(List<CompletableFuture<Optional<Rejection>>> chunks) {
            this.chunks = chunks;
        }

        /** Waits for every chunk; the failure with the lowest index, or empty when all passed. */
        Optional<Rejection> await() {
            Optional<Rejection> first = Optional.empty();
            for (CompletableFuture<Optional<Rejection>> f : chunks) {
                Optional<Rejection> r;
                try {
                    r = f.join();
                } catch (CompletionException e) {
                    throw new IllegalStateException("a script check failed to run: " + e.getCause(), e.getCause());
                }
                if (first.isEmpty() && r.isPresent()) {
                    first = r;
                }
            }
            return first;
        }
    }

    /** Starts the checks; small sets run at once on the caller's thread. */
    Pending start(List<ScriptCheck> checks) {
        List<CompletableFuture<Optional<Rejection>>> chunks = new ArrayList<>();
        if (checks.size() <= chunkSize) {
            chunks.add(CompletableFuture.completedFuture(firstFailure(checks)));
        } else {
            for (int from = 0; from < checks.size(); from += chunkSize) {
                List<ScriptCheck> chunk = checks.subList(from, Math.min(checks.size(), from + chunkSize));
                chunks.add(CompletableFuture.supplyAsync(() -> firstFailure(chunk), executor));
            }
        }
        return new Pending(chunks);
    }

    /** Runs the checks and waits for them. */
    Optional<Rejection> verify(List<ScriptCheck> checks) {
        return start(checks).await();
    }

    private Optional<Rejection> firstFailure(List<ScriptCheck> chunk) {
        for (ScriptCheck c : chunk) {
            Optional<Rejection> r = c.run(engine);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }
}
