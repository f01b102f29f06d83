package io.flint.bench;

import io.flint.crypto.DerSignature;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import io.flint.crypto.Sha256;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ECDSA verifications per second of one strict-DER, low-S signature with a compressed key:
 * through Flint's native engine, through ACINQ's binding called directly (the reference: what
 * libsecp256k1 costs with no Flint code around it), and through the pure-Java fallback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class EcdsaVerifyBenchmark {
    private Secp256k1 nativeEngine;
    private Secp256k1 javaEngine;
    private fr.acinq.secp256k1.Secp256k1 acinq;
    private byte[] digest;
    private byte[] signature;
    private byte[] publicKey;

    @Setup(Level.Trial)
    public void setUp() {
        nativeEngine = Secp256k1Engines.named("native");
        javaEngine = Secp256k1Engines.named("java");
        acinq = fr.acinq.secp256k1.Secp256k1.get();
        PrivateKey key = PrivateKey.generate(new SecureRandom());
        digest = Sha256.hash("Flint benchmark".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        signature = key.sign(digest, nativeEngine);
        publicKey = key.publicKey(nativeEngine).bytes();
        if (signature.length == 64 || !DerSignature.isStrictDer(signature)) {
            // the binding reads 64-byte input as compact r||s; a fair comparison needs real DER
            throw new IllegalStateException("drew a 64-byte DER signature; run again");
        }
        if (!nativeEngine.verify(digest, signature, publicKey) || !acinq.verify(signature, digest, publicKey)
                || !javaEngine.verify(digest, signature, publicKey)) {
            throw new IllegalStateException("benchmark signature does not verify");
        }
    }

    @Benchmark
    public boolean flintNative() {
        return nativeEngine.verify(digest, signature, publicKey);
    }

    @Benchmark
    public boolean acinqDirect() {
        return acinq.verify(signature, digest, publicKey);
    }

    @Benchmark
    public boolean flintJava() {
        return javaEngine.verify(digest, signature, publicKey);
    }
}
