package io.flint.mining;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HashRateMeterTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_000_000));
    private final HashRateMeter meter = new HashRateMeter(clock);

    @Test
    void reportsHashesPerSecondOverTheIntervalSinceTheLastReading() {
        meter.add(3_000);
        meter.add(2_000);
        clock.advance(Duration.ofSeconds(2));
        assertThat(meter.rate()).isEqualTo(2_500.0);

        meter.add(1_000);
        clock.advance(Duration.ofMillis(500));
        assertThat(meter.rate()).as("under a second: the last rate again").isEqualTo(2_500.0);

        clock.advance(Duration.ofMillis(500));
        assertThat(meter.rate()).isEqualTo(1_000.0);
        assertThat(meter.total()).isEqualTo(6_000);
    }

    @Test
    void anIdleMinerReportsZero() {
        assertThat(meter.rate()).isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(meter.rate()).isZero();
    }
}
