package io.flint.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTimePastTest {
    static List<BlockHeader> withTimes(long... times) {
        List<BlockHeader> out = new ArrayList<>();
        for (int h = 0; h < times.length; h++) {
            out.add(new BlockHeader(1, h, Hash.ZERO, Hash.ZERO, times[h], 0x207fffffL, 0));
        }
        return out;
    }

    static long mtp(List<BlockHeader> b) {
        return MedianTimePast.of(b.get(b.size() - 1), h -> b.get((int) h), 11);
    }

    @Test
    void theMedianOfTheLastElevenInAnyOrder() {
        // 12 blocks: the first (time 1000) is outside the window
        List<BlockHeader> b = withTimes(1000, 5, 3, 9, 1, 7, 11, 2, 10, 4, 8, 6);
        assertThat(mtp(b)).isEqualTo(6);
    }

    @Test
    void aShortBranchUsesAllItsBlocks() {
        assertThat(mtp(withTimes(100))).isEqualTo(100);
        assertThat(mtp(withTimes(100, 300))).isEqualTo(300);
        assertThat(mtp(withTimes(100, 300, 200))).isEqualTo(200);
    }

    @Test
    void medianOfNothingIsAnError() {
        assertThatThrownBy(() -> MedianTimePast.median(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
