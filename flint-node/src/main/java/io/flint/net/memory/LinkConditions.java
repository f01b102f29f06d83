package io.flint.net.memory;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated link behaves, the same in both directions: every frame (and every
 * connection handshake step) takes {@code latency} plus a uniformly random extra of up to
 * {@code jitter}, and each frame is lost with probability {@code loss}. Frames on one
 * connection still arrive in order: a slow frame holds back the ones behind it, as on TCP.
 */
public record LinkConditions(Duration latency, Duration jitter, double loss) {

    /** Instant, lossless delivery: the default of every link. */
    public static final LinkConditions PERFECT = new LinkConditions(Duration.ZERO, Duration.ZERO, 0.0);

    public LinkConditions {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(jitter, "jitter");
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency and jitter cannot be negative: " + latency + ", " + jitter);
        }
        if (!(loss >= 0.0 && loss <= 1.0)) {
            throw new IllegalArgumentException("loss must be a probability in [0, 1], got " + loss);
        }
    }

    /** The same conditions with a different fixed latency. */
    public LinkConditions withLatency(Duration newLatency) {
        return new LinkConditions(newLatency, jitter, loss);
    }

    /** The same conditions with a different random extra delay. */
    public LinkConditions withJitter(Duration newJitter) {
        return new LinkConditions(latency, newJitter, loss);
    }

    /** The same conditions with a different loss probability. */
    public LinkConditions withLoss(double newLoss) {
        return new LinkConditions(latency, jitter, newLoss);
    }
}
