package io.flint.cli;

import java.time.Duration;
import java.util.Optional;

/** Intervals given on the command line in seconds ({@code --tx-interval 2.5}), checked and converted in one place. */
final class Seconds {
    private Seconds() {}

    /**
     * An optional interval option: empty when not given.
     *
     * @throws UserError (usage) naming {@code option} when it is not a positive number
     */
    static Optional<Double> positive(Double seconds, String option) {
        if (seconds == null) {
            return Optional.empty();
        }
        if (!(seconds > 0)) {
            throw new UserError(option + " must be a positive number of seconds", ExitCodes.USAGE);
        }
        return Optional.of(seconds);
    }

    /**
     * An optional interval option that may be 0 (none): empty when not given.
     *
     * @throws UserError (usage) naming {@code option} when it is negative or not a number
     */
    static Optional<Double> nonNegative(Double seconds, String option) {
        if (seconds == null) {
            return Optional.empty();
        }
        if (!(seconds >= 0) || seconds.isInfinite()) {
            throw new UserError(option + " must be 0 or a positive number of seconds", ExitCodes.USAGE);
        }
        return Optional.of(seconds);
    }

    /** To the millisecond, which is as fine as the node's timers go. */
    static Duration duration(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
