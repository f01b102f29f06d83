package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.NetworkParams;
import io.flint.mining.MinerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Starting continuous mining warns where it runs away (regtest) and only there. */
class ContinuousMiningWarningTest {
    @Test
    void regtestWarnsThatBlocksComeAsFastAsThePaceAllowsAndNamesTheOnDemandWay() {
        assertThat(FlintNode.continuousMiningWarning(NetworkParams.REGTEST, Duration.ofSeconds(1)))
                .hasValueSatisfying(w -> assertThat(w).contains("regtest", "never retargets", "one block every 1000 ms",
                        "halves every 150 blocks", "POST /mine"));
        assertThat(FlintNode.continuousMiningWarning(NetworkParams.REGTEST, Duration.ZERO))
                .hasValueSatisfying(w -> assertThat(w).contains("mines blocks as fast as the CPU allows", "a few a second"));
    }

    @Test
    void continuousMiningIsPacedByDefaultOnlyWhereTheDifficultyNeverRetargets() {
        assertThat(MinerConfig.continuousIntervalFor(NetworkParams.REGTEST)).isEqualTo(Duration.ofSeconds(1));
        assertThat(MinerConfig.continuousIntervalFor(NetworkParams.DEMO)).isZero();
    }

    @Test
    void aNetworkWhoseDifficultyFollowsTheBlockRateGivesNoWarning() {
        assertThat(FlintNode.continuousMiningWarning(NetworkParams.DEMO, Duration.ZERO)).isEmpty();
    }
}
