package io.flint.sim;

import java.time.Duration;

/**
 * A window of virtual time ({@code start} after the run begins, lasting {@code length}) during
 * which the nodes are split in two halves that cannot reach each other; then the split heals.
 */
public record PartitionWindow(Duration start, Duration length) {
    public PartitionWindow {
        if (start.isNegative() || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a partition needs a start >= 0 and a positive length");
        }
    }

    /**
     * Parses {@code AT+LENGTH}, e.g. {@code 10m+5m}: from 10 minutes into the run, for 5 minutes.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static PartitionWindow parse(String text) {
        int plus = text == null ? -1 : text.indexOf('+');
        if (plus < 0) {
            throw new IllegalArgumentException("--partition '" + text + "' is not AT+LENGTH, e.g. 10m+5m");
        }
        Duration at = Durations.parse("--partition", text.substring(0, plus));
        Duration length = Durations.parse("--partition", text.substring(plus + 1));
        if (length.isZero()) {
            throw new IllegalArgumentException("--partition '" + text + "' lasts no time: give a positive LENGTH");
        }
        return new PartitionWindow(at, length);
    }

    public Duration end() {
        return start.plus(length);
    }

    @Override
    public String toString() {
        return Durations.format(start) + "+" + Durations.format(length);
    }
}
