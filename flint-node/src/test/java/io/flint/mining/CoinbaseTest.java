package io.flint.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.chain.TestChainBuilder;
import io.flint.core.Amount;
import io.flint.core.BlockHeader;
import io.flint.core.CheckTransaction;
import io.flint.core.Hash;
import io.flint.core.MerkleTree;
import io.flint.core.Transaction;
import io.flint.core.consensus.CoinbaseHeight;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptOp;
import io.flint.crypto.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The coinbase's scriptSig and the template variants the miner rolls through. */
class CoinbaseTest {
    private static final Script PAYOUT = TestChainBuilder.p2pkh(TestChainBuilder.key(5));

    @ParameterizedTest
    @ValueSource(longs = {1, 16, 17, 127, 128, 255, 256, 32_767, 32_768, 8_388_608, 4_294_967_295L})
    void theScriptSigStartsWithTheBip34HeightThenTheExtraNonceAndTheTag(long height) {
        byte[] extra = {(byte) 0xaa, (byte) 0xbb};
        Script sig = Coinbase.scriptSig(height, extra);

        assertThat(CoinbaseHeight.matches(sig, height)).isTrue();
        List<ScriptOp> ops = sig.ops();
        assertThat(ops).hasSize(3);
        assertThat(ops.get(1).data()).isEqualTo(extra);
        assertThat(new String(ops.get(2).data(), StandardCharsets.US_ASCII)).isEqualTo(Coinbase.TAG);
    }

    @Test
    void heightsAreEncodedAsBitcoinDoes() {
        // CScript() << n: OP_1 for 1, a 1-byte push of 0x11 for 17, 0x80 needs a sign byte
        assertThat(Coinbase.scriptSig(1, new byte[0]).toHex()).startsWith("51");
        assertThat(Coinbase.scriptSig(17, new byte[0]).toHex()).startsWith("0111");
        assertThat(Coinbase.scriptSig(128, new byte[0]).toHex()).startsWith("028000");
        assertThat(Coinbase.scriptSig(500_000, new byte[0]).toHex()).startsWith("0320a107");
    }

    @Test
    void theLongestExtraNonceStillMakesAValidCoinbase() {
        Transaction cb = Coinbase.create(4_294_967_295L, new byte[Coinbase.MAX_EXTRA_NONCE], PAYOUT, Amount.ofCoins(50));
        assertThat(cb.isCoinbase()).isTrue();
        assertThat(CheckTransaction.check(cb, 100_000)).isEmpty();
        assertThatThrownBy(() -> Coinbase.scriptSig(1, new byte[Coinbase.MAX_EXTRA_NONCE + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 32");
    }

    private static BlockTemplate template() {
        Transaction cb = Coinbase.create(20, new byte[] {1}, PAYOUT, Amount.ofCoins(50));
        Hash prev = Hash.twice("parent".getBytes(StandardCharsets.US_ASCII));
        BlockHeader h = new BlockHeader(1, 20, prev, MerkleTree.rootOf(List.of(cb)).hash(), 1_800_000_000L, 0x207fffffL, 0);
        return new BlockTemplate(h, cb, List.of(), Amount.ZERO);
    }

    @Test
    void aTimeRollChangesOnlyTheHeaderTailSoTheMidstateStays() {
        BlockTemplate t = template();
        BlockTemplate rolled = t.withTimestamp(1_800_000_001L);

        byte[] before = t.header().serialize();
        byte[] after = rolled.header().serialize();
        assertThat(Arrays.copyOf(after, 64)).isEqualTo(Arrays.copyOf(before, 64));
        assertThat(Hex.encode(after)).isNotEqualTo(Hex.encode(before));
        assertThat(rolled.coinbase()).isEqualTo(t.coinbase());
    }

    @Test
    void anExtraNonceRollMakesANewCoinbaseAndMerkleRootWithTheSamePayout() {
        BlockTemplate t = template();
        BlockTemplate rolled = t.withExtraNonce(new byte[] {2});

        assertThat(rolled.coinbase().txid()).isNotEqualTo(t.coinbase().txid());
        assertThat(rolled.header().merkleRoot()).isEqualTo(MerkleTree.rootOf(rolled.allTransactions()).hash());
        assertThat(rolled.header().merkleRoot()).isNotEqualTo(t.header().merkleRoot());
        assertThat(rolled.reward()).isEqualTo(t.reward());
        assertThat(rolled.payout()).isEqualTo(PAYOUT);
        assertThat(rolled.header().timestamp()).isEqualTo(t.header().timestamp());
        assertThat(CoinbaseHeight.matches(rolled.coinbase().input(0).scriptSig(), 20)).isTrue();
    }
}
