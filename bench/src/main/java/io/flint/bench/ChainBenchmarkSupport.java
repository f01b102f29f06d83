package io.flint.bench;

import io.flint.chain.ChainState;
import io.flint.chain.store.KeyValueStore;
import io.flint.core.NetworkParams;
import io.flint.core.consensus.ScriptCheck;
import io.flint.core.script.SignatureHash;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.IntPredicate;

/** What the chain benchmarks share: the clock, opening a chain, the verify-rate references. */
final class ChainBenchmarkSupport {
    /** One signature as the engine is given it: the signature hash, the DER signature, the public key. */
    record SignatureCheck(byte[] digest, byte[] der, byte[] publicKey) {}

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
     * Verifications per second of one signature, again and again, on one thread, through the
     * engine, for about {@code seconds}: the reference.
     */
    static double verifyRate(Secp256k1 engine, double seconds) {
        byte[] secret = Sha256.hash("flint chain benchmark".getBytes(StandardCharsets.US_ASCII));
        PrivateKey key = PrivateKey.of(secret, true);
        byte[] digest = Sha256.hash(secret);
        byte[] sig = key.sign(digest, engine);
        byte[] pub = key.publicKey(engine).bytes();
        return perSecond(seconds, i -> engine.verify(digest, sig, pub), "the reference signature does not verify");
    }

    /**
     * The signatures of P2PKH script checks as the engine sees them, each with its own signature
     * hash: the work a block's checks give libsecp256k1, without the script around it.
     */
    static List<SignatureCheck> signatures(List<ScriptCheck> checks) {
        List<SignatureCheck> out = new ArrayList<>(checks.size());
        for (ScriptCheck c : checks) {
            byte[] scriptSig = c.tx().input(c.inputIndex()).scriptSig().program();
            // a P2PKH scriptSig is two direct pushes (opcodes 1-75): signature + hash type, then the key
            int sigLength = scriptSig[0] & 0xff;
            int keyLength = scriptSig[1 + sigLength] & 0xff;
            if (sigLength < 1 || sigLength > 75 || keyLength < 33 || keyLength > 65
                    || scriptSig.length != 2 + sigLength + keyLength) {
                throw new IllegalArgumentException("not a P2PKH scriptSig: input " + c.inputIndex() + " of " + c.tx().txid());
            }
            int hashType = scriptSig[sigLength] & 0xff;
            byte[] digest = SignatureHash.legacy(c.tx(), c.inputIndex(), c.spent().output().scriptPubKey(), hashType)
                    .toBytes();
            out.add(new SignatureCheck(digest, Arrays.copyOfRange(scriptSig, 1, sigLength),
                    Arrays.copyOfRange(scriptSig, 2 + sigLength, 2 + sigLength + keyLength)));
        }
        return out;
    }

    /**
     * Verifications per second on one thread of {@code signatures} in turn, each a different
     * message and signature, starting at {@code offset}, for about {@code seconds}. Lower than
     * {@link #verifyRate}, which verifies one signature again and again with its data and
     * libsecp256k1's table entries hot in the cache.
     */
    static double verifyRate(Secp256k1 engine, List<SignatureCheck> signatures, int offset, double seconds) {
        int n = signatures.size();
        return perSecond(seconds, i -> {
            SignatureCheck s = signatures.get((offset + i) % n);
            return engine.verify(s.digest(), s.der(), s.publicKey());
        }, "a signature of the benchmark blocks does not verify");
    }

    /** {@link #verifyRate(Secp256k1, List, int, double)} on {@code threads} threads at once, each from its own offset; the sum. */
    static double parallelVerifyRate(Secp256k1 engine, List<SignatureCheck> signatures, int threads, double seconds)
            throws InterruptedException {
        DoubleAdder total = new DoubleAdder();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * signatures.size() / threads;
            Thread w = new Thread(() -> total.add(verifyRate(engine, signatures, offset, seconds)), "verify-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return total.sum();
    }

    /** Script checks per second on one thread: signature hash, parsing and verify, as a block's checks run. */
    static double scriptCheckRate(Secp256k1 engine, List<ScriptCheck> checks, double seconds) {
        return perSecond(seconds, i -> checks.get(i % checks.size()).run(engine).isEmpty(),
                "a script check of the benchmark blocks fails");
    }

    /** Seconds one thread takes to run every check once, in order (the same JIT-warm code the chain runs). */
    static double scriptCheckSeconds(Secp256k1 engine, List<ScriptCheck> checks) {
        long start = System.nanoTime();
        for (ScriptCheck c : checks) {
            if (c.run(engine).isPresent()) {
                throw new IllegalStateException("a script check of the benchmark blocks fails");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Operations per second of {@code op} (called with 0, 1, 2, ...) on this thread for about
     * {@code seconds}, after 2,000 unmeasured calls; the clock is read every 100 operations.
     *
     * @throws IllegalStateException with {@code failure} when an operation returns false
     */
    private static double perSecond(double seconds, IntPredicate op, String failure) {
        int i = 0;
        for (; i < 2000; i++) {
            if (!op.test(i)) {
                throw new IllegalStateException(failure);
            }
        }
        long done = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int k = 0; k < 100; k++, i++) {
                if (!op.test(i)) {
                    throw new IllegalStateException(failure);
                }
            }
            done += 100;
            now = System.nanoTime();
        } while (now < end);
        return done / ((now - start) / 1e9);
    }
}
