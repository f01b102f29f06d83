package io.flint.chain;

import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.CompactTarget;
import io.flint.core.Hash;
import io.flint.core.MerkleTree;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.ProofOfWork;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.consensus.Coin;
import io.flint.core.consensus.CoinbaseHeight;
import io.flint.core.consensus.Difficulty;
import io.flint.core.consensus.HeaderHistory;
import io.flint.core.script.Script;
import io.flint.core.script.SigHashType;
import io.flint.core.script.StandardScripts;
import io.flint.core.script.TransactionSigner;
import io.flint.crypto.Address;
import io.flint.crypto.DoubleSha256NonceScanner;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Builds valid blocks for tests: a BIP 34 coinbase paying the subsidy and fees to a miner key,
 * the required bits (retargeting included), a timestamp one spacing after the parent, real proof
 * of work and really signed spends. Each knob can also be turned to build a block that breaks
 * exactly one rule.
 *
 * <pre>{@code
 * TestChainBuilder chain = new TestChainBuilder(NetworkParams.REGTEST);
 * List<Block> blocks = chain.extend(chain.genesis(), 11);           // 11 empty blocks
 * Block b = chain.nextBlock(blocks.get(10))
 *         .spending(chain.coinbaseOf(blocks.get(0)))                 // a matured reward
 *         .paying(TestChainBuilder.key(7), Amount.ofCoins(20))
 *         .mine();
 * }</pre>
 *
 * The builder remembers every block it built or was given ({@link #register}) to find ancestors
 * for the median time and the difficulty; it is not thread-safe.
 */
public final class TestChainBuilder {
    private static final BigInteger ANY_TARGET = BigInteger.ONE.shiftLeft(256);

    private final NetworkParams params;
    private final TransactionSigner signer;
    private final PrivateKey minerKey;
    private final Map<Hash, Block> blocks = new HashMap<>();
    private final Map<Hash, Transaction> transactions = new HashMap<>();
    private int tags;

    public TestChainBuilder(NetworkParams params, Secp256k1 engine) {
        this.params = params;
        this.signer = new TransactionSigner(engine);
        this.minerKey = key(1);
        register(params.genesis());
    }

    public TestChainBuilder(NetworkParams params) {
        this(params, Secp256k1Engines.best());
    }

    /** A fixed, valid key: secret = 32 bytes of {@code n} (1..255). */
    public static PrivateKey key(int n) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) n);
        return PrivateKey.of(secret, true);
    }

    /** P2PKH to {@code key}. */
    public static Script p2pkh(PrivateKey key) {
        return StandardScripts.p2pkhForKey(key.publicKey().bytes());
    }

    public NetworkParams params() {
        return params;
    }

    public PrivateKey minerKey() {
        return minerKey;
    }

    public Block genesis() {
        return params.genesis();
    }

    /** Makes a block built elsewhere (or read from a chain) known as an ancestor. */
    public TestChainBuilder register(Block block) {
        blocks.put(block.hash(), block);
        for (Transaction tx : block.transactions()) {
            transactions.put(tx.txid(), tx);
        }
        return this;
    }

    public Block block(Hash hash) {
        Block b = blocks.get(hash);
        if (b == null) {
            throw new IllegalArgumentException("the builder does not know block " + hash + "; register it first");
        }
        return b;
    }

    /** The headers of the branch ending at {@code tip}, for the median time and difficulty rules. */
    public HeaderHistory history(Hash tip) {
        return height -> {
            Block b = block(tip);
            while (b.height() > height) {
                b = block(b.header().prevHash());
            }
            if (b.height() != height) {
                throw new IllegalArgumentException("no block at height " + height);
            }
            return b.header();
        };
    }

    /** The bits a child of {@code parent} must have. */
    public long requiredBits(Block parent) {
        return Difficulty.nextBits(parent.header(), history(parent.hash()), params);
    }

    public BlockBuilder nextBlock(Block parent) {
        register(parent);
        return new BlockBuilder(parent);
    }

    public BlockBuilder nextBlock(Hash parent) {
        return new BlockBuilder(block(parent));
    }

    public BlockBuilder nextBlock(ChainTip tip) {
        return nextBlock(tip.hash());
    }

    /** {@code count} valid empty blocks, each on the previous, starting on {@code parent}. */
    public List<Block> extend(Block parent, int count) {
        List<Block> out = new ArrayList<>(count);
        Block b = parent;
        for (int i = 0; i < count; i++) {
            b = nextBlock(b).mine();
            out.add(b);
        }
        return out;
    }

    /** Output 0 of {@code block}'s coinbase, which the default coinbase pays to the miner key. */
    public Spendable coinbaseOf(Block block) {
        Transaction cb = block.transactions().get(0);
        return new Spendable(new OutPoint(cb.txid(), 0), cb.output(0), minerKey);
    }

    /** Output {@code index} of {@code tx}, spendable with {@code key}. */
    public static Spendable output(Transaction tx, int index, PrivateKey key) {
        return new Spendable(new OutPoint(tx.txid(), index), tx.output(index), key);
    }

    public TxBuilder tx() {
        return new TxBuilder();
    }

    /** An output and the key that can spend it (P2PKH or P2PK to that key). */
    public record Spendable(OutPoint outPoint, TxOut output, PrivateKey key) {
        public Coin coinAt(long height, boolean coinbase) {
            return new Coin(output, height, coinbase);
        }
    }

    /** A transaction: inputs with their keys, outputs, then {@link #sign()}. */
    public final class TxBuilder {
        private final List<Spendable> inputs = new ArrayList<>();
        private final List<TxOut> outputs = new ArrayList<>();
        private long lockTime;
        private long sequence = TxIn.SEQUENCE_FINAL;

        public TxBuilder spending(Spendable s) {
            inputs.add(s);
            return this;
        }

        public TxBuilder paying(Script script, Amount amount) {
            outputs.add(new TxOut(amount, script));
            return this;
        }

        public TxBuilder paying(PrivateKey to, Amount amount) {
            return paying(p2pkh(to), amount);
        }

        public TxBuilder paying(Address to, Amount amount) {
            return paying(StandardScripts.p2pkh(to.hash160()), amount);
        }

        /** An output with a raw value, negative or too large included (for rule tests). */
        public TxBuilder payingUnits(Script script, long units) {
            outputs.add(new TxOut(units, script));
            return this;
        }

        public TxBuilder lockTime(long lockTime) {
            this.lockTime = lockTime;
            return this;
        }

        /** The sequence of every input (non-final makes the lock time count). */
        public TxBuilder sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }

        boolean isEmpty() {
            return inputs.isEmpty() && outputs.isEmpty();
        }

        public Transaction sign() {
            List<TxIn> ins = new ArrayList<>();
            for (Spendable s : inputs) {
                ins.add(new TxIn(s.outPoint(), Script.EMPTY, sequence));
            }
            Transaction tx = new Transaction(1, ins, outputs, lockTime);
            for (int i = 0; i < inputs.size(); i++) {
                Spendable s = inputs.get(i);
                Script prev = s.output().scriptPubKey();
                tx = StandardScripts.isP2pk(prev)
                        ? signer.signP2pk(tx, i, prev, s.key(), SigHashType.ALL)
                        : signer.signP2pkh(tx, i, prev, s.key(), SigHashType.ALL);
            }
            transactions.put(tx.txid(), tx);
            return tx;
        }
    }

    /** One block on a given parent; every field defaults to what makes it valid. */
    public final class BlockBuilder {
        private final Block parent;
        private long height;
        private long time;
        private long bits;
        private int version = 1;
        private Script payout = p2pkh(minerKey);
        private Long coinbaseUnits;
        private Script coinbaseScriptSig;
        private final List<Transaction> txs = new ArrayList<>();
        private TxBuilder pending;
        private UnaryOperator<List<Transaction>> edit = UnaryOperator.identity();
        private Hash merkleRoot;

        BlockBuilder(Block parent) {
            this.parent = parent;
            this.height = parent.height() + 1;
            this.time = parent.header().timestamp() + params.targetSpacing().getSeconds();
            this.bits = requiredBits(parent);
        }

        public BlockBuilder time(long timestamp) {
            this.time = timestamp;
            return this;
        }

        public BlockBuilder bits(long compactBits) {
            this.bits = compactBits;
            return this;
        }

        public BlockBuilder height(long h) {
            this.height = h;
            return this;
        }

        public BlockBuilder payTo(Script script) {
            this.payout = script;
            return this;
        }

        /** The coinbase pays exactly this (default: subsidy + fees). */
        public BlockBuilder coinbaseValue(Amount amount) {
            this.coinbaseUnits = amount.units();
            return this;
        }

        /** Replaces the coinbase scriptSig (default: the BIP 34 height and a unique tag). */
        public BlockBuilder coinbaseScriptSig(Script script) {
            this.coinbaseScriptSig = script;
            return this;
        }

        /** Adds a finished transaction. */
        public BlockBuilder add(Transaction tx) {
            flushPending();
            txs.add(tx);
            return this;
        }

        /** Starts (or continues) a transaction spending {@code s}; {@link #paying} adds its outputs. */
        public BlockBuilder spending(Spendable s) {
            if (pending == null) {
                pending = new TxBuilder();
            }
            pending.spending(s);
            return this;
        }

        /** Spends {@code outPoint}, which holds {@code output}, signing with {@code key}. */
        public BlockBuilder spending(OutPoint outPoint, TxOut output, PrivateKey key) {
            return spending(new Spendable(outPoint, output, key));
        }

        public BlockBuilder paying(PrivateKey to, Amount amount) {
            return paying(p2pkh(to), amount);
        }

        public BlockBuilder paying(Address to, Amount amount) {
            return paying(StandardScripts.p2pkh(to.hash160()), amount);
        }

        public BlockBuilder paying(Script script, Amount amount) {
            if (pending == null) {
                pending = new TxBuilder();
            }
            pending.paying(script, amount);
            return this;
        }

        /** Edits the final transaction list (coinbase first) before the Merkle root is computed. */
        public BlockBuilder editTransactions(UnaryOperator<List<Transaction>> editor) {
            this.edit = editor;
            return this;
        }

        /** Puts this Merkle root in the header instead of the computed one. */
        public BlockBuilder merkleRoot(Hash root) {
            this.merkleRoot = root;
            return this;
        }

        /** The block with a nonce whose hash meets the target. */
        public Block mine() {
            return solve(true);
        }

        /** The block with a nonce whose hash does NOT meet the target (high-hash). */
        public Block mineHighHash() {
            return solve(false);
        }

        private void flushPending() {
            if (pending != null && !pending.isEmpty()) {
                txs.add(pending.sign());
            }
            pending = null;
        }

        private Block solve(boolean meetTarget) {
            flushPending();
            long fees = 0;
            for (Transaction tx : txs) {
                fees += feeOf(tx);
            }
            long value = coinbaseUnits != null ? coinbaseUnits : params.subsidyAt(height).units() + fees;
            byte[] tag = ByteBuffer.allocate(4).putInt(tags++).array();
            Script scriptSig = coinbaseScriptSig != null ? coinbaseScriptSig
                    : CoinbaseHeight.scriptSig(height, concat(tag, "flint-test".getBytes(StandardCharsets.US_ASCII)));
            Transaction coinbase = new Transaction(1, List.of(new TxIn(OutPoint.NULL, scriptSig, TxIn.SEQUENCE_FINAL)),
                    List.of(new TxOut(value, payout)), 0);
            List<Transaction> all = new ArrayList<>();
            all.add(coinbase);
            all.addAll(txs);
            all = edit.apply(all);
            Hash root = merkleRoot != null ? merkleRoot : MerkleTree.rootOf(all).hash();
            BlockHeader header = new BlockHeader(version, height, parent.hash(), root, time, bits, 0);
            Block block = new Block(meetTarget ? solved(header) : unsolved(header), all);
            register(block);
            return block;
        }

        /** The first nonce whose hash meets the header's own bits, by the miner's midstate scan. */
        private BlockHeader solved(BlockHeader header) {
            byte[] bytes = header.serialize();
            DoubleSha256NonceScanner scanner = DoubleSha256NonceScanner.create(Arrays.copyOf(bytes, 64),
                    BlockHeader.SIZE - 64);
            byte[] tail = Arrays.copyOfRange(bytes, 64, BlockHeader.SIZE);
            OptionalLong nonce = scanner.scan(tail, 0, 1L << 32, target32(header.bits()));
            return header.withNonce(nonce.orElseThrow(() -> new IllegalStateException(
                    "no nonce meets bits " + Long.toHexString(header.bits()) + "; change the time or coinbase")));
        }

        private BlockHeader unsolved(BlockHeader header) {
            for (long nonce = 0; ; nonce++) {
                BlockHeader h = header.withNonce(nonce);
                if (!ProofOfWork.check(h.hash(), h.bits(), ANY_TARGET)) {
                    return h;
                }
            }
        }
    }

    /** The target of {@code bits} as 32 big-endian bytes (all ones when it does not fit). */
    private static byte[] target32(long bits) {
        BigInteger target = CompactTarget.decode(bits).target();
        byte[] out = new byte[32];
        if (target.bitLength() > 256) {
            Arrays.fill(out, (byte) 0xff);
            return out;
        }
        byte[] b = target.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    private long feeOf(Transaction tx) {
        long in = 0;
        for (TxIn input : tx.inputs()) {
            Transaction prev = transactions.get(input.prevout().txid());
            if (prev == null || input.prevout().index() >= prev.outputs().size()) {
                return 0;
            }
            in += prev.output((int) input.prevout().index()).value();
        }
        long out = 0;
        for (TxOut o : tx.outputs()) {
            out += o.value();
        }
        return Math.max(0, in - out);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
