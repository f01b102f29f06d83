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
        long done = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        int i = offset % n;
        do {
            for (int k = 0; k < 100; k++) {
                SignatureCheck s = signatures.get(i);
                if (!engine.verify(s.digest(), s.der(), s.publicKey())) {
                    throw new IllegalStateException("signature " + i + " of the benchmark blocks does not verify");
                }
                i = i + 1 == n ? 0 : i + 1;
            }
            done += 100;
            now = System.nanoTime();
        } while (now < end);
        return done / ((now - start) / 1e9);
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
        long done = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        int i = 0;
        do {
            for (int k = 0; k < 100; k++) {
                if (checks.get(i).run(engine).isPresent()) {
                    throw new IllegalStateException("script check " + i + " of the benchmark blocks fails");
                }
                i = i + 1 == checks.size() ? 0 : i + 1;
            }
            done += 100;
            now = System.nanoTime();
        } while (now < end);
        return done / ((now - start) / 1e9);
    }
}
