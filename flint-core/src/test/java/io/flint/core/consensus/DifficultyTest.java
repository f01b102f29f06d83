package io.flint.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.BlockHeader;
import io.flint.core.CompactTarget;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retarget formula of docs/consensus.md, on synthetic DEMO branches. */
class DifficultyTest {
    static final NetworkParams DEMO = NetworkParams.DEMO;
    static final long START = NetworkParams.GENESIS_TIME;

    /** Headers 0..n-1 with the given bits, {@code step} seconds apart. */
    static List<BlockHeader> branch(int n, long bits, long step) {
        List<BlockHeader> headers = new ArrayList<>();
        for (int h = 0; h < n; h++) {
            headers.add(new BlockHeader(1, h, Hash.ZERO, Hash.ZERO, START + h * step, bits, 0));
        }
        return headers;
    }

    static long next(List<BlockHeader> branch) {
        return Difficulty.nextBits(branch.get(branch.size() - 1), h -> branch.get((int) h), DEMO);
    }

    static long bits(BigInteger target) {
        return CompactTarget.encode(target);
    }

    @Test
    void onScheduleKeepsTheTarget() {
        long hard = bits(DEMO.powLimit().shiftRight(3));
        assertThat(next(branch(10, hard, 10))).isEqualTo(hard);
    }

    @Test
    void theTargetScalesByActualOverExpectedTime() {
        long hard = bits(DEMO.powLimit().shiftRight(3));
        BigInteger target = CompactTarget.toTarget(hard);
        // 9 intervals of 15 s = 135 s against 90 s: 1.5 times easier
        assertThat(next(branch(10, hard, 15))).isEqualTo(bits(target.multiply(BigInteger.valueOf(135)).divide(BigInteger.valueOf(90))));
        // 9 intervals of 7 s = 63 s: harder
        assertThat(next(branch(10, hard, 7))).isEqualTo(bits(target.multiply(BigInteger.valueOf(63)).divide(BigInteger.valueOf(90))));
    }

    @Test
    void theFactorIsClampedAtFourEitherWay() {
        long hard = bits(DEMO.powLimit().shiftRight(5));
        BigInteger target = CompactTarget.toTarget(hard);
        assertThat(next(branch(10, hard, 1000))).isEqualTo(bits(target.shiftLeft(2)));
        assertThat(next(branch(10, hard, 0))).isEqualTo(bits(target.multiply(BigInteger.valueOf(22)).divide(BigInteger.valueOf(90))));
    }

    @Test
    void neverEasierThanTheLimit() {
        assertThat(next(branch(10, DEMO.powLimitBits(), 1000))).isEqualTo(DEMO.powLimitBits());
    }

    @Test
    void onlyAtMultiplesOfTheWindow() {
        long hard = bits(DEMO.powLimit().shiftRight(3));
        for (int n = 11; n < 20; n++) {
            assertThat(next(branch(n, hard, 1))).as("height %d", n).isEqualTo(hard);
        }
        assertThat(next(branch(20, hard, 1))).isNotEqualTo(hard);
    }

    @Test
    void theWindowIsMeasuredFromItsFirstToItsLastBlock() {
        // only heights 10 and 19 count for the retarget at 20: make the rest nonsense
        List<BlockHeader> b = branch(20, DEMO.powLimitBits(), 10);
        long hard = bits(DEMO.powLimit().shiftRight(4));
        for (int h = 10; h < 20; h++) {
            long time = h == 10 ? START : h == 19 ? START + 180 : START + 5_000;
            b.set(h, new BlockHeader(1, h, Hash.ZERO, Hash.ZERO, time, hard, 0));
        }
        assertThat(next(b)).isEqualTo(bits(CompactTarget.toTarget(hard).shiftLeft(1)));
    }

    @Test
    void withoutRetargetingTheLimitAlwaysApplies() {
        List<BlockHeader> b = branch(10, NetworkParams.REGTEST.powLimitBits(), 1);
        assertThat(Difficulty.nextBits(b.get(9), h -> b.get((int) h), NetworkParams.REGTEST))
                .isEqualTo(NetworkParams.REGTEST.powLimitBits());
    }
}
