package io.flint.bench;

import io.flint.crypto.DoubleSha256NonceScanner;
import io.flint.crypto.DoubleSha256NonceScanner.Path;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Header hashes per second through the proof-of-work nonce loop: an 84-byte Flint header is a
 * 64-byte constant prefix and a 20-byte tail ending in the nonce. The target is zero, which no
 * hash reaches, so every invocation hashes exactly {@link #BATCH} headers. The score is headers
 * per second on one thread; its natural reference is the CPU's SHA-256 limit (bench/run measures
 * it with openssl) divided by the two compressions each header costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.security.provider=ALL-UNNAMED")
public class NonceScanBenchmark {
    static final int BATCH = 4096;
    private static final int TAIL_LENGTH = 20;

    @Param({"compress", "message-digest"})
    public String path;

    private DoubleSha256NonceScanner scanner;
    private final byte[] tail = new byte[TAIL_LENGTH];
    private final byte[] unreachableTarget = new byte[32];
    private long nextNonce;

    @Setup(Level.Trial)
    public void setUp() {
        Path chosen = path.equals(Path.COMPRESS.label()) ? Path.COMPRESS : Path.MESSAGE_DIGEST;
        byte[] prefix = new byte[64];
        new SplittableRandom(84).nextBytes(prefix);
        // create() refuses COMPRESS when the JDK package is not opened: a wrong setup fails loudly
        scanner = DoubleSha256NonceScanner.create(prefix, TAIL_LENGTH, chosen);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public OptionalLong scanHeaders() {
        if (nextNonce + BATCH > 0xffffffffL) {
            nextNonce = 0;
        }
        OptionalLong found = scanner.scan(tail, nextNonce, BATCH, unreachableTarget);
        nextNonce += BATCH;
        return found;
    }
}
