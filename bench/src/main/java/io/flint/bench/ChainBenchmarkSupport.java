package io.flint.bench;

import io.flint.chain.ChainState;
import io.flint.chain.store.KeyValueStore;
import io.flint.core.NetworkParams;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import io.flint.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.DoubleAdder;

/** What the chain benchmarks share: the clock, opening a chain, the verify-rate reference. */
final class ChainBenchmarkSupport {
    /** A year after genesis: later than any generated block, whatever the machine's clock says. */
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NetworkParams.GENESIS_TIME).plus(Duration.ofDays(365)),
            ZoneOffset.UTC);

    private ChainBenchmarkSupport() {}

    static ChainState open(KeyValueStore store, NetworkParams params, Executor pool) {
        return ChainState.open(store, params, CLOCK, pool, engine());
    }

    /** libsecp256k1 when it loads (the node's engine), else the Java one. */
    static Secp256k1 engine() {
        return Secp256k1Engines.best();
    }

    /**
     * Verifications per second of one signature on one thread, through the engine, for about
     * {@code seconds}: the reference the connect rate is compared with.
     */
    static double verifyRate(Secp256k1 engine, double seconds) {
        byte[] secret = Sha256.hash("flint chain benchmark".getBytes(StandardCharsets.US_ASCII));
        PrivateKey key = PrivateKey.of(secret, true);
        byte[] digest = Sha256.hash(secret);
        byte[] sig = key.sign(digest, engine);
        byte[] pub = key.publicKey(engine).bytes();
        // warm up, then measure
        for (int i = 0; i < 2000; i++) {
            engine.verify(digest, sig, pub);
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                if (!engine.verify(digest, sig, pub)) {
                    throw new IllegalStateException("reference signature does not verify");
                }
            }
            n += 100;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    /** Verifications per second of {@code threads} threads verifying at once, for about {@code seconds}. */
    static double parallelVerifyRate(Secp256k1 engine, int threads, double seconds) throws InterruptedException {
        DoubleAdder total = new DoubleAdder();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> total.add(verifyRate(engine, seconds)), "verify-" + i);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        return total.sum();
    }
}
