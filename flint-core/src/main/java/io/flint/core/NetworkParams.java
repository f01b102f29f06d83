package io.flint.core;

import io.flint.core.script.ScriptBuilder;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.AddressVersion;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything that distinguishes one Flint network from another: genesis block, proof-of-work
 * limit, block spacing and retargeting, reward schedule, maturity, size limits, key versions and
 * default ports. Two networks exist: {@link #DEMO} (the default) and {@link #REGTEST} (trivial
 * proof of work, fixed difficulty, fast halvings, for tests).
 *
 * @param name network name, shown to users and in HELLO
 * @param powLimitBits compact form of the easiest allowed target (also the genesis bits)
 * @param targetSpacing the intended time between blocks
 * @param retargetWindow blocks per difficulty adjustment window
 * @param retargetingEnabled false keeps the difficulty at the genesis bits forever
 * @param maxRetargetFactor the most one adjustment may change the target, up or down
 * @param initialSubsidy the block reward before the first halving
 * @param halvingInterval blocks between reward halvings
 * @param coinbaseMaturity confirmations before a coinbase output may be spent
 * @param maxBlockSize largest serialized block, bytes
 * @param maxTxSize largest serialized transaction, bytes
 * @param maxFutureBlockTime how far ahead of the node's clock a block timestamp may be
 * @param medianTimeSpan blocks whose median timestamp a new block must exceed
 * @param addressVersion Base58Check version bytes of P2PKH addresses (0x00) and WIF keys (0x80)
 * @param defaultP2pPort default TCP port of the peer protocol
 * @param httpPortOffset the HTTP API listens on the P2P port plus this
 * @param genesis block 0
 */
public record NetworkParams(
        String name,
        long powLimitBits,
        Duration targetSpacing,
        int retargetWindow,
        boolean retargetingEnabled,
        int maxRetargetFactor,
        Amount initialSubsidy,
        int halvingInterval,
        int coinbaseMaturity,
        int maxBlockSize,
        int maxTxSize,
        Duration maxFutureBlockTime,
        int medianTimeSpan,
        AddressVersion addressVersion,
        int defaultP2pPort,
        int httpPortOffset,
        Block genesis) {

    /** 2026-01-01T00:00:00Z, the timestamp of both genesis blocks. */
    public static final long GENESIS_TIME = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

    /** In the genesis coinbase scriptSig, as Bitcoin's genesis carries a headline. */
    public static final String GENESIS_MESSAGE = "Flint 2026-01-01: peers come and go, the chain remains";

    private static final long DEMO_POW_LIMIT_BITS = 0x1f00ffffL;
    private static final long REGTEST_POW_LIMIT_BITS = 0x207fffffL;
    // the first nonces from 0 that meet the limit, found once; NetworkParamsTest checks them
    private static final long DEMO_GENESIS_NONCE = 89_985L;
    private static final long REGTEST_GENESIS_NONCE = 0L;

    private static final int HALVINGS_UNTIL_ZERO = 64;

    /** The default network: about a block every 10 s, difficulty retargeted every 10 blocks. */
    public static final NetworkParams DEMO = new NetworkParams("demo", DEMO_POW_LIMIT_BITS, Duration.ofSeconds(10),
            10, true, 4, Amount.ofCoins(50), 210_000, 10, 1_000_000, 100_000, Duration.ofHours(2), 11, AddressVersion.MAIN,
            5000, 2000, genesisBlock(DEMO_POW_LIMIT_BITS, DEMO_GENESIS_NONCE));

    /** For tests: proof of work that any few hashes satisfy, no retargeting, halving every 150 blocks. */
    public static final NetworkParams REGTEST = new NetworkParams("regtest", REGTEST_POW_LIMIT_BITS,
            Duration.ofSeconds(10), 10, false, 4, Amount.ofCoins(50), 150, 10, 1_000_000, 100_000,
            Duration.ofHours(2), 11, AddressVersion.MAIN, 5000, 2000,
            genesisBlock(REGTEST_POW_LIMIT_BITS, REGTEST_GENESIS_NONCE));

    public NetworkParams {
        if (genesis.header().bits() != powLimitBits) {
            throw new IllegalArgumentException("the genesis block must have the proof-of-work limit as its bits");
        }
        if (retargetWindow < 1 || maxRetargetFactor < 1 || halvingInterval < 1 || medianTimeSpan < 1) {
            throw new IllegalArgumentException("windows, factors and intervals must be positive");
        }
    }

    /** The network whose genesis block has this hash, if it is one this build knows. */
    public static Optional<NetworkParams> byGenesis(Hash genesis) {
        return List.of(DEMO, REGTEST).stream().filter(p -> p.genesisHash().equals(genesis)).findFirst();
    }

    /** The network with this name ("demo" or "regtest"). */
    public static NetworkParams byName(String name) {
        for (NetworkParams p : List.of(DEMO, REGTEST)) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "' (known: demo, regtest)");
    }

    /** The easiest target a block may have. */
    public BigInteger powLimit() {
        return CompactTarget.toTarget(powLimitBits);
    }

    public Hash genesisHash() {
        return genesis.hash();
    }

    public int defaultHttpPort() {
        return defaultP2pPort + httpPortOffset;
    }

    /** Block reward at {@code height}: the initial subsidy halved every halvingInterval blocks (Bitcoin's GetBlockSubsidy). */
    public Amount subsidyAt(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("negative height " + height);
        }
        long halvings = height / halvingInterval;
        if (halvings >= HALVINGS_UNTIL_ZERO) {
            return Amount.ZERO;
        }
        return Amount.ofUnits(initialSubsidy.units() >> halvings);
    }

    /**
     * The genesis block for a proof-of-work limit and a nonce: one coinbase paying the initial
     * 50 coins to an unspendable OP_RETURN output, with {@link #GENESIS_MESSAGE} in its scriptSig.
     */
    static Block genesisBlock(long bits, long nonce) {
        Transaction coinbase = new Transaction(1,
                List.of(new TxIn(OutPoint.NULL,
                        new ScriptBuilder().data(GENESIS_MESSAGE.getBytes(StandardCharsets.US_ASCII)).build(),
                        TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(Amount.ofCoins(50), StandardScripts.opReturn(new byte[0]))), 0);
        BlockHeader header = new BlockHeader(1, 0, Hash.ZERO, coinbase.txid(), GENESIS_TIME, bits, nonce);
        return new Block(header, List.of(coinbase));
    }
}
