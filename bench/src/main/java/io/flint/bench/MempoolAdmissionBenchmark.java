package io.flint.bench;

import io.flint.chain.ChainListener;
import io.flint.chain.ChainTip;
import io.flint.chain.ChainView;
import io.flint.chain.ConfirmedTransaction;
import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.consensus.Coin;
import io.flint.core.consensus.UtxoLookup;
import io.flint.core.script.Script;
import io.flint.core.script.SigHashType;
import io.flint.core.script.StandardScripts;
import io.flint.core.script.TransactionSigner;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import io.flint.crypto.Sha256;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolConfig;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Pool admission of independent 1-input, 1-output P2PKH transactions per second (issue 3,
 * performance point 2): each invocation fills an empty {@link Mempool} with {@link #BATCH}
 * pre-signed transactions, every one of them checked in full (structure, policy, coins, fee,
 * script with one native ECDSA verification). The reference in the same run is one native
 * verification of a signature like theirs, on the same core: admission needs exactly one per
 * transaction, so the ratio is the share of admission time the signature takes, and its
 * inverse the pool's overhead.
 *
 * <p>Run {@code main} for the table: {@code taskset -c 0 java --enable-native-access=ALL-UNNAMED
 * -cp bench/target/benchmarks.jar io.flint.bench.MempoolAdmissionBenchmark [--quick]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class MempoolAdmissionBenchmark {
    static final int BATCH = 1_000;
    private static final NetworkParams PARAMS = NetworkParams.REGTEST;
    private static final long COIN_UNITS = 1_000_000;
    private static final long FEE_UNITS = 1_000;

    private Secp256k1 engine;
    private List<Transaction> transactions;
    private MemoryChain chain;
    private Clock clock;
    private byte[] digest;
    private byte[] signature;
    private byte[] publicKey;

    @Setup(Level.Trial)
    public void setUp() {
        engine = Secp256k1Engines.named("native");
        clock = Clock.fixed(Instant.ofEpochSecond(NetworkParams.GENESIS_TIME + 86_400), ZoneOffset.UTC);
        PrivateKey key = PrivateKey.generate(new SecureRandom());
        Script lock = StandardScripts.p2pkhForKey(key.publicKey(engine).bytes());
        Script pay = StandardScripts.p2pkh(new byte[20]);
        TransactionSigner signer = new TransactionSigner(engine);
        Map<OutPoint, Coin> coins = new HashMap<>();
        transactions = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            OutPoint prevout = new OutPoint(Hash.twice(ByteBuffer.allocate(4).putInt(i).array()), i % 4);
            coins.put(prevout, new Coin(new TxOut(COIN_UNITS, lock), 0, false));
            Transaction unsigned = new Transaction(1, List.of(TxIn.unsigned(prevout)),
                    List.of(new TxOut(Amount.ofUnits(COIN_UNITS - FEE_UNITS), pay)), 0);
            transactions.add(signer.signP2pkh(unsigned, 0, lock, key, SigHashType.ALL));
        }
        chain = new MemoryChain(coins);
        digest = Sha256.hash("Flint mempool benchmark".getBytes(StandardCharsets.US_ASCII));
        signature = key.sign(digest, engine);
        publicKey = key.publicKey(engine).bytes();
        if (admitAll() != BATCH || !engine.verify(digest, signature, publicKey)) {
            throw new IllegalStateException("benchmark transactions are not all admitted");
        }
    }

    /** How many of the batch an empty pool accepted. */
    private int admitAll() {
        Mempool pool = new Mempool(chain, MempoolConfig.DEFAULTS, clock, engine);
        int accepted = 0;
        for (Transaction tx : transactions) {
            if (pool.accept(tx) instanceof AcceptOutcome.Accepted) {
                accepted++;
            }
        }
        return accepted;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int admitIndependentTransactions() {
        return admitAll();
    }

    @Benchmark
    public boolean nativeVerify() {
        return engine.verify(digest, signature, publicKey);
    }

    /** The chain as the pool sees it: a fixed tip (genesis) and the batch's coins. */
    private static final class MemoryChain implements ChainView {
        private final Map<OutPoint, Coin> coins;
        private final ChainTip tip;

        MemoryChain(Map<OutPoint, Coin> coins) {
            this.coins = Map.copyOf(coins);
            this.tip = new ChainTip(PARAMS.genesisHash(), PARAMS.genesis().header(), BigInteger.ONE,
                    PARAMS.genesis().header().timestamp(), PARAMS.powLimitBits());
        }

        @Override
        public NetworkParams params() {
            return PARAMS;
        }

        @Override
        public ChainTip tip() {
            return tip;
        }

        @Override
        public UtxoLookup utxos() {
            return o -> Optional.ofNullable(coins.get(o));
        }

        @Override
        public Optional<ConfirmedTransaction> transaction(Hash txid) {
            // no confirmed transactions: every coin is given, none spent in a block
            return Optional.empty();
        }

        @Override
        public void addListener(ChainListener listener) {
            // the tip never moves
        }
    }

    /** Runs both benchmarks on one thread and prints the table; {@code --quick} for a smoke run. */
    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        Options options = new OptionsBuilder()
                .include(MempoolAdmissionBenchmark.class.getSimpleName())
                .threads(1).forks(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double admit = score(results, "admitIndependentTransactions");
        double verify = score(results, "nativeVerify");
        System.out.println();
        System.out.println("| benchmark | result | unit | reference (same run) | ratio |");
        System.out.println("|---|---:|---|---|---:|");
        System.out.printf("| pool admission, independent 1-in 1-out P2PKH, batches of %d | %.0f | tx/s | native ECDSA verify %.0f/s (one core) | %.2f |%n",
                BATCH, admit, verify, admit / verify);
    }

    private static double score(Collection<RunResult> results, String method) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("." + method)) {
                return r.getPrimaryResult().getScore();
            }
        }
        throw new IllegalStateException("no result for " + method);
    }
}
