package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.TestChainBuilder;
import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.script.Script;
import io.flint.mempool.PoolFixture;
import io.flint.p2p.ChainAccess.BlockSubmission;
import io.flint.p2p.ChainAccess.HeaderSubmission;
import io.flint.p2p.PoolAccess.TxAdmission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's view of the real chain and pool: outcomes mapped, policy told from offences. */
class AccessAdaptersTest {
    private final PoolFixture f = new PoolFixture();

    @Test
    void blockOutcomesMapToSubmissions() {
        ChainStateAccess access = new ChainStateAccess(f.chain, false);
        Block genesis = f.tipBlock();
        Block one = f.builder.nextBlock(genesis).mine();
        Block sibling = f.builder.nextBlock(genesis).mine();
        Block two = f.builder.nextBlock(one).mine();
        Block three = f.builder.nextBlock(two).mine();
        assertThat(access.submitBlock(one)).isEqualTo(new BlockSubmission.Accepted(true));
        assertThat(access.submitBlock(sibling)).isEqualTo(new BlockSubmission.Accepted(false));
        assertThat(access.submitBlock(one)).isEqualTo(new BlockSubmission.Duplicate());
        assertThat(access.submitBlock(three)).isEqualTo(new BlockSubmission.Orphan(two.hash()));
        assertThat(access.submitBlock(f.builder.nextBlock(one).mineHighHash()))
                .isInstanceOfSatisfying(BlockSubmission.Invalid.class, i -> assertThat(i.reason()).contains("high-hash"));
        assertThat(access.submitBlock(two)).isEqualTo(new BlockSubmission.Accepted(true));
        assertThat(access.blockTip().height()).isEqualTo(3);
        assertThat(access.blockTip().hash()).isEqualTo(three.hash());
        assertThat(access.headers(1, 3)).extracting(BlockHeader::hash)
                .containsExactly(one.hash(), two.hash(), three.hash());
        assertThat(access.genesisHash()).isEqualTo(genesis.hash());
    }

    @Test
    void headersFirstOnAFullNodeListsTheBlocksToFetch() {
        List<Block> chain = f.builder.extend(f.tipBlock(), 5);
        ChainStateAccess access = new ChainStateAccess(f.chain, false);
        List<BlockHeader> headers = chain.stream().map(Block::header).toList();
        assertThat(access.submitHeaders(headers.subList(2, 5)))
                .isInstanceOf(HeaderSubmission.Unconnected.class);
        assertThat(access.submitHeaders(headers)).isEqualTo(new HeaderSubmission.Accepted(5));
        assertThat(access.headerTip().height()).isEqualTo(5);
        assertThat(access.blockTip().height()).isZero();
        assertThat(access.missingBlocks(access.headerTip().hash(), 3)).extracting(BlockHeader::height).containsExactly(1L, 2L, 3L);
        assertThat(access.hasHeader(chain.get(4).hash())).isTrue();
        assertThat(access.hasBlock(chain.get(4).hash())).isFalse();
        Block bad = f.builder.nextBlock(chain.get(4)).mineHighHash();
        assertThat(access.submitHeaders(List.of(bad.header()))).isInstanceOf(HeaderSubmission.Invalid.class);
    }

    @Test
    void aLightNodeFollowsAndServesItsBestHeaderChainAcrossAReorganisation() {
        ChainStateAccess light = new ChainStateAccess(f.chain, true);
        Block genesis = f.tipBlock();
        List<Block> first = f.builder.extend(genesis, 4);
        light.submitHeaders(first.stream().map(Block::header).toList());
        assertThat(light.blockTip().height()).isEqualTo(4);
        assertThat(light.headers(0, 10)).hasSize(5);
        assertThat(light.missingBlocks(light.headerTip().hash(), 10)).isEmpty();
        // a longer branch from height 2 takes over
        List<Block> other = f.builder.extend(first.get(1), 4);
        light.submitHeaders(other.stream().map(Block::header).toList());
        assertThat(light.headerTip().height()).isEqualTo(6);
        List<Hash> expected = new ArrayList<>(List.of(genesis.hash(), first.get(0).hash(), first.get(1).hash()));
        other.forEach(b -> expected.add(b.hash()));
        assertThat(light.headers(0, 6)).extracting(BlockHeader::hash).containsExactlyElementsOf(expected);
        assertThat(light.headers(5, 4)).isEmpty();
    }

    @Test
    void poolPolicyIsARefusalAndBrokenRulesAreInvalid() {
        MempoolAccess pool = new MempoolAccess(f.pool);
        List<Spendable> coins = f.matureCoinbases(3);
        Transaction good = f.pay(coins.get(0), PoolFixture.key(9), PoolFixture.FEE);
        assertThat(pool.accept(good)).isInstanceOf(TxAdmission.Accepted.class);
        assertThat(pool.accept(good)).isInstanceOf(TxAdmission.Known.class);
        assertThat(pool.contains(good.txid())).isTrue();
        assertThat(pool.pending(10)).containsExactly(good);

        Transaction noFee = f.pay(coins.get(1), PoolFixture.key(9), Amount.ZERO);
        assertThat(pool.accept(noFee)).isInstanceOf(TxAdmission.Refused.class);

        Transaction signed = f.pay(coins.get(2), PoolFixture.key(9), PoolFixture.FEE);
        byte[] sig = signed.inputs().get(0).scriptSig().program();
        sig[10] ^= 1;
        Transaction forged = new Transaction(1, List.of(signed.inputs().get(0).withScriptSig(Script.of(sig))),
                signed.outputs(), 0);
        assertThat(pool.accept(forged)).isInstanceOf(TxAdmission.Invalid.class);

        // valid a few blocks later (at the sender's tip, perhaps): refused, not an offence
        Transaction premature = f.pay(f.builder.coinbaseOf(f.tipBlock()), PoolFixture.key(9), PoolFixture.FEE);
        assertThat(pool.accept(premature)).isInstanceOfSatisfying(TxAdmission.Refused.class,
                r -> assertThat(r.reason()).contains("premature-spend-of-coinbase"));

        Transaction orphan = new TestChainBuilder(f.params).tx()
                .spending(new Spendable(new OutPoint(Hash.twice(new byte[] {1}), 0), good.output(0), PoolFixture.key(9)))
                .paying(PoolFixture.key(8), Amount.ofCoins(1)).sign();
        assertThat(pool.accept(orphan)).isInstanceOf(TxAdmission.MissingInputs.class);
        assertThat(PoolAccess.NONE.accept(good)).isInstanceOf(TxAdmission.Known.class);
    }
}
