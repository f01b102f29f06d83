package io.flint.p2p;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Simulated link conditions applied by the outbox (off unless {@code --link-sim}): a sending
 * capacity in messages per second that wanders within [{@code minCapacity}, {@code maxCapacity}]
 * every {@code capacityChangeInterval}, a probability of silently dropping each message, and a
 * random delay in [{@code minDelay}, {@code maxDelay}] before each send.
 */
public record LinkSimulation(boolean enabled, double minCapacity, double maxCapacity, Duration capacityChangeInterval,
        double dropProbability, Duration minDelay, Duration maxDelay) {

    public LinkSimulation {
        if (minCapacity <= 0 || maxCapacity < minCapacity) {
            throw new IllegalArgumentException("capacity range must be 0 < min <= max");
        }
        if (dropProbability < 0 || dropProbability >= 1) {
            throw new IllegalArgumentException("drop probability must be in [0, 1)");
        }
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("delay range must be 0 <= min <= max");
        }
    }

    /** No simulation: full speed, no loss, no delay. */
    public static final LinkSimulation OFF = new LinkSimulation(false, 1, 1, Duration.ofSeconds(5), 0,
            Duration.ZERO, Duration.ZERO);

    /**
     * The base network's defaults: capacity between 20 and 200 messages/s re-drawn every 5 s,
     * 5 % of messages lost, 10-100 ms of delay.
     */
    public static final LinkSimulation BASE_DEFAULTS = new LinkSimulation(true, 20, 200, Duration.ofSeconds(5), 0.05,
            Duration.ofMillis(10), Duration.ofMillis(100));

    /**
     * A link with only what a lab names: no delay, no loss and no capacity limit until one of
     * {@code --link-delay}, {@code --link-loss} or {@code --link-capacity} sets it.
     */
    public static final LinkSimulation NOTHING_SET = new LinkSimulation(true, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, Duration.ofSeconds(5), 0, Duration.ZERO, Duration.ZERO);

    /** Whether the link sends as fast as the node does: no capacity was set. */
    public boolean unlimitedCapacity() {
        return Double.isInfinite(maxCapacity);
    }

    /** "delay 10-100 ms, 5 % lost, 20-200 messages/s", for the start-up log line. */
    public String describe() {
        return "delay " + range(minDelay.toMillis(), maxDelay.toMillis()) + " ms, "
                + BigDecimal.valueOf(dropProbability * 100).stripTrailingZeros().toPlainString() + " % lost, "
                + (unlimitedCapacity() ? "no capacity limit" : range(minCapacity, maxCapacity) + " messages/s");
    }

    private static String range(double lo, double hi) {
        String l = BigDecimal.valueOf(lo).stripTrailingZeros().toPlainString();
        return lo == hi ? l : l + "-" + BigDecimal.valueOf(hi).stripTrailingZeros().toPlainString();
    }
}
