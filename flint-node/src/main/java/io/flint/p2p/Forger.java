package io.flint.p2p;

import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.CompactTarget;
import io.flint.core.Hash;
import io.flint.core.MerkleTree;
import io.flint.core.OutPoint;
import io.flint.core.ProofOfWork;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptBuilder;
import io.flint.core.script.StandardScripts;
import io.flint.p2p.message.TipInfo;
import java.math.BigInteger;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a node in malicious mode sends: blocks on its tip that fail proof of work or whose
 * header does not commit to their transactions (a "wrong hash"), and transactions whose
 * signatures do not verify. Each is invalid by construction; honest peers must reject them.
 */
final class Forger {
    /** Blocks behind the tip whose coinbase has surely matured (Flint's maturity is 10). */
    private static final long MATURITY_MARGIN = 12;
    private static final long FORGED_FEE = 10_000;
    private static final long DUST = 1_000;

    private final ChainAccess chain;
    private final PoolAccess pool;
    private final RandomGenerator random;
    private int round;
    private int txRound;

    Forger(ChainAccess chain, PoolAccess pool, RandomGenerator random) {
        this.chain = chain;
        this.pool = pool;
        this.random = random;
    }

    /** A block on the current tip, invalid one way or the other (alternating). */
    Block forgeBlock(long nowSeconds) {
        TipInfo tip = chain.blockTip();
        long bits = chain.headers(tip.height(), tip.height()).stream().findFirst().map(BlockHeader::bits)
                .orElse(0x207fffffL);
        long height = tip.height() + 1;
        Transaction coinbase = new Transaction(1,
                List.of(new TxIn(OutPoint.NULL, new ScriptBuilder().smallInteger(16).data(randomBytes(8)).build(),
                        TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(Amount.ofCoins(50), StandardScripts.opReturn(new byte[0]))), 0);
        boolean badMerkle = (round++ & 1) == 1;
        Hash merkle = badMerkle ? Hash.of(randomBytes(32)) : MerkleTree.rootOf(List.of(coinbase)).hash();
        BigInteger target = CompactTarget.toTarget(bits);
        BlockHeader header;
        do {
            header = new BlockHeader(1, height, tip.hash(), merkle, nowSeconds, bits, random.nextLong(0x1_0000_0000L));
            // the bad-merkle variant may meet its target; the other must not
        } while (!badMerkle && ProofOfWork.check(header.hash(), bits, target));
        return new Block(header, List.of(coinbase));
    }

    /**
     * A transaction whose signature does not verify and that is otherwise acceptable, so that
     * honest peers reach the script check and count an offence. Which forgery does that depends on
     * what the victim knows (a spend it sees as conflicting or unknown is refused earlier, without
     * an offence), so the forger rotates through three: a pooled transaction's input re-signed with
     * garbage (invalid where the victim lacks the original but has its coins), a spend of a
     * pooled transaction's output (invalid where the victim pooled that transaction too), and a
     * spend of a coinbase old enough to have matured (invalid where it is still unspent).
     */
    Transaction forgeTransaction() {
        List<Transaction> pending = pool.pending(100);
        Script garbage = new ScriptBuilder().data(garbageSignature()).data(compressedKeyLike()).build();
        int strategy = txRound++ % 3;
        if (!pending.isEmpty() && strategy == 0) {
            Transaction real = pending.get(random.nextInt(pending.size()));
            List<TxIn> inputs = new java.util.ArrayList<>(real.inputs());
            inputs.set(0, inputs.get(0).withScriptSig(garbage));
            return new Transaction(real.version(), inputs, real.outputs(), real.lockTime());
        }
        OutPoint spent = null;
        long value = 0;
        if (!pending.isEmpty() && strategy == 1) {
            Transaction newest = pending.get(pending.size() - 1);
            int index = random.nextInt(newest.outputs().size());
            spent = new OutPoint(newest.txid(), index);
            value = newest.output(index).value();
        } else {
            TipInfo tip = chain.blockTip();
            long height = tip.height() - MATURITY_MARGIN - random.nextInt(5);
            if (height >= 1) {
                Hash hash = chain.headers(height, height).stream().findFirst().map(BlockHeader::hash).orElse(Hash.ZERO);
                Transaction coinbase = chain.block(hash).map(b -> b.transactions().get(0)).orElse(null);
                if (coinbase != null) {
                    spent = new OutPoint(coinbase.txid(), 0);
                    value = coinbase.output(0).value();
                }
            }
        }
        if (spent == null) {
            spent = new OutPoint(Hash.of(randomBytes(32)), 0);
            value = Amount.ONE_COIN.units();
        }
        long paid = Math.max(value - FORGED_FEE, DUST);
        return new Transaction(1, List.of(new TxIn(spent, garbage, TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(paid, StandardScripts.p2pkh(randomBytes(20)))), 0);
    }

    /** A strictly DER-encoded, low-S signature with the ALL hash type that signs nothing. */
    private byte[] garbageSignature() {
        byte[] r = randomBytes(32);
        byte[] s = randomBytes(32);
        r[0] &= 0x3f;
        r[0] |= 0x01;
        s[0] &= 0x3f;
        s[0] |= 0x01;
        byte[] der = new byte[6 + 32 + 32 + 1];
        der[0] = 0x30;
        der[1] = 68;
        der[2] = 0x02;
        der[3] = 32;
        System.arraycopy(r, 0, der, 4, 32);
        der[36] = 0x02;
        der[37] = 32;
        System.arraycopy(s, 0, der, 38, 32);
        der[70] = 0x01;
        return der;
    }

    private byte[] compressedKeyLike() {
        byte[] k = randomBytes(33);
        k[0] = 0x02;
        return k;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
