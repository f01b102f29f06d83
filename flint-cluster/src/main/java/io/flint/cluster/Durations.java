package io.flint.cluster;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them: "850 ms", "1.2 s", "2 min 5 s". */
public final class Durations {
    private Durations() {}

    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }
}
