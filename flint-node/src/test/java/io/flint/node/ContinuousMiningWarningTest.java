package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.NetworkParams;
import org.junit.jupiter.api.Test;

/** Starting continuous mining warns where it runs away (regtest) and only there. */
class ContinuousMiningWarningTest {
    @Test
    void regtestWarnsThatBlocksComeAsFastAsTheCpuAllowsAndNamesTheOnDemandWay() {
        assertThat(FlintNode.continuousMiningWarning(NetworkParams.REGTEST)).hasValueSatisfying(w -> assertThat(w)
                .contains("regtest", "never retargets", "halves every 150 blocks", "POST /mine"));
    }

    @Test
    void aNetworkWhoseDifficultyFollowsTheBlockRateGivesNoWarning() {
        assertThat(FlintNode.continuousMiningWarning(NetworkParams.DEMO)).isEmpty();
    }
}
