package io.flint.bench;

import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.script.Script;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Sha256;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a txid for a typical P2PKH payment (1 input, 2 outputs, 226 bytes): decoding
 * from the wire (which hashes the bytes it read), building one in memory (which serializes, then
 * hashes), against the reference of only double-SHA-256 of the same 226 bytes, measured in the
 * same run. The gap between a path and the reference is Flint's own overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TxidBenchmark {
    private byte[] serialized;
    private List<TxIn> inputs;
    private List<TxOut> outputs;

    @Setup
    public void setUp() {
        byte[] fakeSignature = new byte[72];
        byte[] fakeKey = new byte[33];
        fakeKey[0] = 0x02;
        inputs = List.of(new TxIn(new OutPoint(Hash.twice(new byte[] {1}), 1),
                StandardScripts.p2pkhScriptSig(fakeSignature, fakeKey), TxIn.SEQUENCE_FINAL));
        Script pay = StandardScripts.p2pkh(new byte[20]);
        outputs = List.of(new TxOut(Amount.ofCoins(1), pay), new TxOut(Amount.parse("0.4999"), pay));
        serialized = new Transaction(1, inputs, outputs, 0).serialize();
    }

    /** Reference: double SHA-256 of the transaction's bytes and nothing else. */
    @Benchmark
    public byte[] referenceDoubleSha256() {
        return Sha256.hashTwice(serialized);
    }

    /** What a node does for a transaction from a peer: decode, txid from the decoded range. */
    @Benchmark
    public Hash parseAndTxid() {
        return Transaction.parse(serialized).txid();
    }

    /** What a wallet does: build the object, which serializes and hashes once. */
    @Benchmark
    public Hash buildAndTxid() {
        return new Transaction(1, inputs, outputs, 0).txid();
    }
}
