package io.flint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flint.chain.store.MemoryKeyValueStore;
import io.flint.core.Block;
import io.flint.core.CompactTarget;
import io.flint.core.NetworkParams;
import io.flint.core.ProofOfWork;
import io.flint.core.RejectReason;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dynamic difficulty on the DEMO network (window 10, spacing 10 s, so a window's 9 measured
 * intervals should take 90 s): windows mined faster or slower than that retarget up or down,
 * clamped at 4x, never easier than the proof-of-work limit, and nothing changes inside a window.
 */
class DifficultyChainTest {
    static final NetworkParams DEMO = NetworkParams.DEMO;
    static final BigInteger LIMIT = DEMO.powLimit();

    ChainFixture f;

    @BeforeEach
    void setUp() {
        f = new ChainFixture(DEMO, new MemoryKeyValueStore());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** Mines {@code n} blocks, each {@code seconds} after its parent, with the required bits. */
    void mine(int n, long seconds) {
        for (int i = 0; i < n; i++) {
            Block tip = f.tipBlock();
            Block b = f.builder.nextBlock(tip).time(tip.header().timestamp() + seconds).mine();
            assertThat(f.chain.submitBlock(b)).isInstanceOf(BlockOutcome.Connected.class);
        }
    }

    static double bitsOf(long compact) {
        return ProofOfWork.difficultyBits(compact);
    }

    @Test
    void aWindowMinedTenTimesTooFastRetargetsFourTimesHarderAndNoMore() {
        mine(9, 1);
        long required = f.chain.tip().nextBits();

        // 9 s measured against 90 s expected: clamped to 90 / 4 = 22 s
        assertThat(required).isEqualTo(CompactTarget.encode(LIMIT.multiply(BigInteger.valueOf(22)).divide(BigInteger.valueOf(90))));
        assertThat(bitsOf(required) - bitsOf(DEMO.powLimitBits())).isCloseTo(Math.log(90.0 / 22) / Math.log(2), within(0.01));

        Block tip = f.tipBlock();
        Block stale = f.builder.nextBlock(tip).time(tip.header().timestamp() + 1).bits(DEMO.powLimitBits()).mine();
        BlockOutcome o = f.chain.submitBlock(stale);
        assertThat(o).isInstanceOfSatisfying(BlockOutcome.Rejected.class,
                r -> assertThat(r.rejection().reason()).isEqualTo(RejectReason.BAD_DIFFBITS));
        mine(1, 1);
        assertThat(f.chain.tip().header().bits()).isEqualTo(required);
        assertThat(bitsOf(f.chain.tip().header().bits())).isGreaterThan(bitsOf(DEMO.genesis().header().bits()));
    }

    @Test
    void aWindowMinedTwiceTooFastDoublesTheDifficulty() {
        mine(9, 5);
        long required = f.chain.tip().nextBits();
        assertThat(required).isEqualTo(CompactTarget.encode(LIMIT.shiftRight(1)));
        assertThat(bitsOf(required) - bitsOf(DEMO.powLimitBits())).isCloseTo(1.0, within(0.001));
    }

    @Test
    void insideAWindowTheBitsStayTheSame() {
        mine(10, 5);
        long retargeted = f.chain.tip().header().bits();
        for (int i = 0; i < 9; i++) {
            assertThat(f.chain.tip().nextBits()).isEqualTo(retargeted);
            // whatever the pace inside the window
            mine(1, i % 2 == 0 ? 1 : 300);
            assertThat(f.chain.tip().header().bits()).isEqualTo(retargeted);
        }
    }

    @Test
    void aSlowWindowAtTheLimitStaysAtTheLimit() {
        mine(9, 100);
        assertThat(f.chain.tip().nextBits()).isEqualTo(DEMO.powLimitBits());
    }

    @Test
    void aSlowWindowEasesAtMostFourTimesAndNeverBeyondTheLimit() {
        mine(10, 1);
        long hard = f.chain.tip().header().bits();
        mine(9, 1000);
        long eased = f.chain.tip().nextBits();
        // 9000 s against 90 s: clamped to 360 s, four times easier
        assertThat(eased).isEqualTo(CompactTarget.encode(CompactTarget.toTarget(hard).shiftLeft(2)));
        assertThat(CompactTarget.toTarget(eased)).isLessThan(LIMIT);
        mine(10, 1000);
        assertThat(f.chain.tip().nextBits()).isEqualTo(DEMO.powLimitBits());
    }

    @Test
    void regtestNeverRetargets() {
        try (ChainFixture r = new ChainFixture(NetworkParams.REGTEST, new MemoryKeyValueStore())) {
            for (int i = 0; i < 10; i++) {
                Block tip = r.tipBlock();
                r.chain.submitBlock(r.builder.nextBlock(tip).time(tip.header().timestamp() + 1).mine());
            }
            assertThat(r.chain.height()).isEqualTo(10);
            assertThat(r.chain.tip().nextBits()).isEqualTo(NetworkParams.REGTEST.powLimitBits());
        }
    }
}
