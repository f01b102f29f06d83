package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.script.StandardScripts;
import io.flint.crypto.AddressVersion;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class NetworkParamsTest {
    /** The genesis hashes, fixed forever: a change here is a new network. */
    private static final String DEMO_GENESIS = "00006e499c79d369ceb2e8be792a5e79e2f38969bd6770afa3d22ffd5d0ed155";
    private static final String REGTEST_GENESIS = "54dadc26e6461b97cd3c989f334405a124d3021f33307532430036fd0014a0b8";

    static List<NetworkParams> networks() {
        return List.of(NetworkParams.DEMO, NetworkParams.REGTEST);
    }

    @Test
    void genesisHashesAreTheConstants() {
        assertThat(NetworkParams.DEMO.genesisHash().toString()).isEqualTo(DEMO_GENESIS);
        assertThat(NetworkParams.REGTEST.genesisHash().toString()).isEqualTo(REGTEST_GENESIS);
    }

    @ParameterizedTest
    @MethodSource("networks")
    void genesisPassesEveryCheck(NetworkParams net) {
        Block g = net.genesis();
        BlockHeader h = g.header();
        assertThat(h.height()).isZero();
        assertThat(h.prevHash()).isEqualTo(Hash.ZERO);
        assertThat(Instant.ofEpochSecond(h.timestamp())).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(h.bits()).isEqualTo(net.powLimitBits());
        assertThat(ProofOfWork.check(h, net.powLimit())).isTrue();
        MerkleTree.Root root = g.computeMerkleRoot();
        assertThat(root.hash()).isEqualTo(h.merkleRoot());
        assertThat(root.mutated()).isFalse();
        assertThat(g.transactions()).hasSize(1);
        Transaction coinbase = g.transactions().get(0);
        assertThat(coinbase.isCoinbase()).isTrue();
        assertThat(CheckTransaction.check(coinbase, net)).isEmpty();
        assertThat(coinbase.output(0).amount()).isEqualTo(net.subsidyAt(0));
        assertThat(coinbase.output(0).scriptPubKey()).isEqualTo(StandardScripts.opReturn(new byte[0]));
        assertThat(new String(coinbase.input(0).scriptSig().ops().get(0).data(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(NetworkParams.GENESIS_MESSAGE);
        // the block survives its own serialization
        assertThat(Block.parse(g.serialize())).isEqualTo(g);
        assertThat(g.size()).isEqualTo(g.serialize().length);
    }

    @Test
    void genesisNonceIsTheFirstThatMeetsTheLimit() {
        BlockHeader h = NetworkParams.DEMO.genesis().header();
        BigInteger limit = NetworkParams.DEMO.powLimit();
        // about 90 000 double hashes: a fraction of a second
        for (long n = 0; n < h.nonce(); n++) {
            assertThat(ProofOfWork.check(h.withNonce(n), limit)).isFalse();
        }
    }

    @Test
    void namedConstants() {
        NetworkParams d = NetworkParams.DEMO;
        NetworkParams r = NetworkParams.REGTEST;
        assertThat(d.name()).isEqualTo("demo");
        assertThat(r.name()).isEqualTo("regtest");
        assertThat(d.targetSpacing()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.targetSpacing()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.retargetWindow()).isEqualTo(10);
        assertThat(r.retargetWindow()).isEqualTo(10);
        assertThat(d.retargetingEnabled()).isTrue();
        assertThat(r.retargetingEnabled()).isFalse();
        assertThat(d.maxRetargetFactor()).isEqualTo(4);
        assertThat(d.powLimitBits()).isEqualTo(0x1f00ffffL);
        assertThat(r.powLimitBits()).isEqualTo(0x207fffffL);
        assertThat(d.powLimit()).isEqualTo(BigInteger.valueOf(0xffff).shiftLeft(224));
        assertThat(d.initialSubsidy()).isEqualTo(Amount.ofCoins(50));
        assertThat(d.halvingInterval()).isEqualTo(210_000);
        assertThat(r.halvingInterval()).isEqualTo(150);
        assertThat(d.coinbaseMaturity()).isEqualTo(10);
        assertThat(r.coinbaseMaturity()).isEqualTo(10);
        assertThat(d.maxBlockSize()).isEqualTo(1_000_000);
        assertThat(d.maxTxSize()).isEqualTo(100_000);
        assertThat(d.maxFutureBlockTime()).isEqualTo(Duration.ofHours(2));
        assertThat(d.medianTimeSpan()).isEqualTo(11);
        assertThat(d.addressVersion()).isEqualTo(AddressVersion.MAIN);
        assertThat(d.addressVersion().p2pkhVersion()).isEqualTo(0x00);
        assertThat(d.addressVersion().wifVersion()).isEqualTo(0x80);
        assertThat(d.defaultP2pPort()).isEqualTo(5000);
        assertThat(d.defaultHttpPort()).isEqualTo(7000);
        assertThat(NetworkParams.byName("regtest")).isSameAs(r);
        assertThatThrownBy(() -> NetworkParams.byName("main")).hasMessageContaining("unknown network 'main'");
    }

    @Test
    void subsidyHalvesEveryIntervalAndEndsAfterSixtyFourHalvings() {
        NetworkParams r = NetworkParams.REGTEST;
        assertThat(r.subsidyAt(0)).isEqualTo(Amount.ofCoins(50));
        assertThat(r.subsidyAt(149)).isEqualTo(Amount.ofCoins(50));
        assertThat(r.subsidyAt(150)).isEqualTo(Amount.ofCoins(25));
        assertThat(r.subsidyAt(300).units()).isEqualTo(1_250_000_000L);
        assertThat(r.subsidyAt(150L * 33).units()).isEqualTo(0); // 5e9 >> 33
        assertThat(r.subsidyAt(150L * 32).units()).isEqualTo(1);
        assertThat(r.subsidyAt(150L * 64)).isEqualTo(Amount.ZERO);
        assertThat(NetworkParams.DEMO.subsidyAt(210_000)).isEqualTo(Amount.ofCoins(25));
        // the total ever issued stays below the money supply
        long total = 0;
        for (int halving = 0; halving < 64; halving++) {
            total = Math.addExact(total, NetworkParams.DEMO.subsidyAt(210_000L * halving).units() * 210_000L);
        }
        assertThat(total).isLessThanOrEqualTo(Amount.MAX_MONEY_UNITS);
    }
}
