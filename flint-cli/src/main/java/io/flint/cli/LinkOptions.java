package io.flint.cli;

import io.flint.p2p.LinkSimulation;
import io.flint.sim.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The simulated link of {@code flint node}, and of the nodes {@code flint cluster up} and
 * {@code add} start: the base network's varying link ({@code --link-sim}), or one a lab sets
 * (half a second of delay, a tenth of messages lost). Any of the values turns the simulation on;
 * without {@code --link-sim} a value not given is none (no delay, no loss, no capacity limit).
 */
final class LinkOptions {
    @Option(names = "--link-sim", description = "Simulate a varying link: send capacity changing between 20 and 200 "
            + "messages/s, 5 %% of messages lost, 10-100 ms of delay (each overridden by the options below).")
    boolean on;

    @Option(names = "--link-delay", paramLabel = "MIN[-MAX]",
            description = "Delay of each message sent, drawn between MIN and MAX, e.g. 500ms or 200ms-800ms. "
                    + "Without --link-sim it is the only change: no loss, no capacity limit unless set below.")
    String delay;

    @Option(names = "--link-loss", paramLabel = "PERCENT",
            description = "Share of messages sent that are lost, 0 to 99.9, e.g. 10 (without --link-sim: no "
                    + "delay or capacity limit unless set).")
    Double lossPercent;

    @Option(names = "--link-capacity", paramLabel = "MIN[-MAX]",
            description = "Messages per second the link sends, re-drawn between MIN and MAX every 5 s, e.g. 50 or "
                    + "20-200 (without --link-sim: no delay or loss unless set).")
    String capacity;

    /** The link these options ask for, or empty when none was given; a bad value is a usage error. */
    Optional<LinkSimulation> simulation() {
        if (!on && delay == null && lossPercent == null && capacity == null) {
            return Optional.empty();
        }
        // --link-sim is the base network's varying link, which the other options adjust; without
        // it they set only what they name (--link-delay 500ms alone also lost 5 % and capped the
        // rate at 20-200 messages/s, which "a network of half-second links" did not say)
        LinkSimulation base = on ? LinkSimulation.BASE_DEFAULTS : LinkSimulation.NOTHING_SET;
        if (lossPercent != null && (lossPercent.isNaN() || lossPercent < 0 || lossPercent >= 100)) {
            throw new UserError("--link-loss must be 0 to under 100 (percent), got " + lossPercent, ExitCodes.USAGE);
        }
        try {
            String[] delays = delay == null ? null : range("--link-delay", delay);
            String[] capacities = capacity == null ? null : range("--link-capacity", capacity);
            Duration minDelay = delays == null ? base.minDelay() : Durations.parse("--link-delay", delays[0]);
            Duration maxDelay = delays == null ? base.maxDelay() : Durations.parse("--link-delay", delays[delays.length - 1]);
            double minCapacity = capacities == null ? base.minCapacity() : number("--link-capacity", capacities[0]);
            double maxCapacity = capacities == null ? base.maxCapacity()
                    : number("--link-capacity", capacities[capacities.length - 1]);
            // said here in the options' own words: the record would refuse them without naming an option
            if (maxDelay.compareTo(minDelay) < 0) {
                throw new UserError("--link-delay: MAX (" + delays[1] + ") is below MIN (" + delays[0] + ")",
                        ExitCodes.USAGE);
            }
            if (capacities != null && (!(minCapacity > 0) || Double.isInfinite(maxCapacity))) {
                throw new UserError("--link-capacity must be above 0 messages per second, got '" + capacity + "'",
                        ExitCodes.USAGE);
            }
            if (capacities != null && maxCapacity < minCapacity) {
                throw new UserError("--link-capacity: MAX (" + capacities[1] + ") is below MIN (" + capacities[0] + ")",
                        ExitCodes.USAGE);
            }
            return Optional.of(new LinkSimulation(true, minCapacity, maxCapacity, base.capacityChangeInterval(),
                    lossPercent == null ? base.dropProbability() : lossPercent / 100, minDelay, maxDelay));
        } catch (IllegalArgumentException e) {
            // a duration that is none (Durations names the option)
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
    }

    /** The same options for a node's command line (cluster nodes); checked first, as the node would. */
    List<String> flags() {
        List<String> out = new ArrayList<>();
        if (simulation().isEmpty()) {
            return out;
        }
        if (on) {
            out.add("--link-sim");
        }
        if (delay != null) {
            out.addAll(List.of("--link-delay", delay));
        }
        if (lossPercent != null) {
            out.addAll(List.of("--link-loss", String.valueOf(lossPercent)));
        }
        if (capacity != null) {
            out.addAll(List.of("--link-capacity", capacity));
        }
        return out;
    }

    private static String[] range(String option, String text) {
        String[] parts = text.strip().split("-", -1);
        if (parts.length > 2 || parts[0].isBlank() || parts[parts.length - 1].isBlank()) {
            throw new UserError(option + " must be MIN or MIN-MAX, got '" + text + "'", ExitCodes.USAGE);
        }
        return parts;
    }

    private static double number(String option, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new UserError(option + ": '" + text + "' is not a number", ExitCodes.USAGE);
        }
    }
}
