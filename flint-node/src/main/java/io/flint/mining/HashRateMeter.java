package io.flint.mining;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts hashes from any number of workers and reports hashes per second over the interval
 * between two readings (at least {@link #MIN_INTERVAL} apart; a reading sooner repeats the last
 * rate), as a metrics scrape wants it.
 */
public final class HashRateMeter {
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    private final LongAdder total = new LongAdder();
    private Instant lastTime;
    private long lastTotal;
    private double lastRate;

    public HashRateMeter(Clock clock) {
        this.clock = clock;
        this.lastTime = clock.instant();
    }

    public void add(long hashes) {
        total.add(hashes);
    }

    /** Hashes counted since the start. */
    public long total() {
        return total.sum();
    }

    /** Hashes per second since the previous reading. */
    public synchronized double rate() {
        Instant now = clock.instant();
        Duration elapsed = Duration.between(lastTime, now);
        if (elapsed.compareTo(MIN_INTERVAL) >= 0) {
            long sum = total.sum();
            lastRate = (sum - lastTotal) / (elapsed.toNanos() / 1e9);
            lastTotal = sum;
            lastTime = now;
        }
        return lastRate;
    }
}
