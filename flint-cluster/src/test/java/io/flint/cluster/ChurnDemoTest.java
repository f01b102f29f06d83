package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo's churn schedule: a round every period, start to start, as its help and output say. */
class ChurnDemoTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aRoundShorterThanThePeriodDoesNotDelayTheNext() {
        // a tester saw joins every 37-45 s with --churn-interval 20: the pause was counted from the round's end
        assertThat(ChurnDemo.nextRoundAt(100 * S, 112 * S, Duration.ofSeconds(20))).isEqualTo(120 * S);
    }

    @Test
    void aRoundLongerThanThePeriodIsFollowedAtOnceWithoutMakingUpMissedRounds() {
        assertThat(ChurnDemo.nextRoundAt(100 * S, 145 * S, Duration.ofSeconds(20))).isEqualTo(145 * S);
    }
}
