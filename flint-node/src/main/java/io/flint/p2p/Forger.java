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
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a node in malicious mode sends: blocks on its tip that fail proof of work or whose
 * header does not commit to their transactions (a "wrong hash"), and transactions whose
 * signatures do not verify. Each is invalid by construction; honest peers must reject them.
 */
final class Forger {
    private final ChainAccess chain;
    private final PoolAccess pool;
    private final RandomGenerator random;
    private int round;

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
     * A transaction whose signature does not verify: a pooled transaction with its first
     * signature altered, or else a spend of the tip's coinbase signed with garbage.
     */
    Transaction forgeTransaction() {
        List<Transaction> pending = pool.pending(1);
        if (!pending.isEmpty() && !pending.get(0).inputs().isEmpty()) {
            Transaction real = pending.get(0);
            TxIn first = real.inputs().get(0);
            byte[] sig = first.scriptSig().program();
            if (sig.length > 8) {
                sig[8] ^= 0x01;
                return replaceFirstInput(real, first.withScriptSig(Script.of(sig)));
            }
        }
        TipInfo tip = chain.blockTip();
        Hash spent = chain.block(tip.hash()).map(b -> b.transactions().get(0).txid()).orElse(Hash.ZERO);
        Script garbage = new ScriptBuilder().data(randomBytes(71)).data(compressedKeyLike()).build();
        return new Transaction(1, List.of(new TxIn(new OutPoint(spent, 0), garbage, TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(Amount.ofCoins(1), StandardScripts.opReturn(new byte[0]))), 0);
    }

    private static Transaction replaceFirstInput(Transaction tx, TxIn first) {
        List<TxIn> inputs = new ArrayList<>(tx.inputs());
        inputs.set(0, first);
        return new Transaction(tx.version(), inputs, tx.outputs(), tx.lockTime());
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
