package io.flint.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "10m, 600000", "1h, 3600000", "2d, 172800000", "1.5s, 1500",
        "0s, 0", " 5m , 300000"})
    void readsANumberAndAUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "", "ms", "-5s", "5 s", "1w", "1h30m", "fast", "5M", "1S", "10MS"})
    void refusesAnythingElseNamingTheForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a duration").hasMessageContaining("30s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5M", "2H", "500Ms"})
    void saysUnitsAreLowerCase(String text) {
        // 1M reads as a month or a mega as much as a minute
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("units are lower case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"250ms", "90s", "10m", "1h", "2d", "0s", "1500ms", "1.5ms", "0.0001ms", "0.000001ms",
        "12345678.5ms"})
    void formatsWhatItReadsBack(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"10m+5m, 600, 300", "0s+1h, 0, 3600"})
    void readsAPartitionWindow(String text, long start, long length) {
        PartitionWindow w = PartitionWindow.parse(text);
        assertThat(w.start()).isEqualTo(Duration.ofSeconds(start));
        assertThat(w.length()).isEqualTo(Duration.ofSeconds(length));
        assertThat(w).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10m", "10m+0s", "+5m", "10m+"})
    void refusesAPartitionWithoutAStartAndALength(String text) {
        assertThatThrownBy(() -> PartitionWindow.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--partition");
    }

    @ParameterizedTest
    @CsvSource({"-10s+5s, -10s", "10m+five, five"})
    void aPartitionWithABadDurationNamesTheOption(String text, String bad) {
        assertThatThrownBy(() -> PartitionWindow.parse(text))
                .hasMessageStartingWith("--partition: '" + bad + "' is not a duration");
    }
}
