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
 * (half a second of delay, a tenth of messages lost). Any of the values turns the simulation on.
 */
final class LinkOptions {
    @Option(names = "--link-sim", description = "Simulate a varying link: send capacity changing between 20 and 200 "
            + "messages/s, 5 % of messages lost, 10-100 ms of delay (each overridden by the options below).")
    boolean on;

    @Option(names = "--link-delay", paramLabel = "MIN[-MAX]",
            description = "Delay of each message sent, drawn between MIN and MAX, e.g. 500ms or 200ms-800ms "
                    + "(turns the simulation on).")
    String delay;

    @Option(names = "--link-loss", paramLabel = "PERCENT",
            description = "Share of messages sent that are lost, 0 to 99.9, e.g. 10 (turns the simulation on).")
    Double lossPercent;

    @Option(names = "--link-capacity", paramLabel = "MIN[-MAX]",
            description = "Messages per second the link sends, re-drawn between MIN and MAX every 5 s, e.g. 50 or "
                    + "20-200 (turns the simulation on).")
    String capacity;

    /** The link these options ask for, or empty when none was given; a bad value is a usage error. */
    Optional<LinkSimulation> simulation() {
        if (!on && delay == null && lossPercent == null && capacity == null) {
            return Optional.empty();
        }
        LinkSimulation base = LinkSimulation.BASE_DEFAULTS;
        Duration minDelay = base.minDelay();
        Duration maxDelay = base.maxDelay();
        if (delay != null) {
            String[] parts = range("--link-delay", delay);
            minDelay = parse(() -> Durations.parse("--link-delay", parts[0]));
            maxDelay = parse(() -> Durations.parse("--link-delay", parts[parts.length - 1]));
        }
        double minCapacity = base.minCapacity();
        double maxCapacity = base.maxCapacity();
        if (capacity != null) {
            String[] parts = range("--link-capacity", capacity);
            minCapacity = number("--link-capacity", parts[0]);
            maxCapacity = number("--link-capacity", parts[parts.length - 1]);
        }
        double loss = base.dropProbability();
        if (lossPercent != null) {
            if (lossPercent.isNaN() || lossPercent < 0 || lossPercent >= 100) {
                throw new UserError("--link-loss must be 0 to under 100 (percent), got " + lossPercent, ExitCodes.USAGE);
            }
            loss = lossPercent / 100;
        }
        double lost = loss;
        Duration lo = minDelay;
        Duration hi = maxDelay;
        double capLo = minCapacity;
        double capHi = maxCapacity;
        return Optional.of(parse(() -> new LinkSimulation(true, capLo, capHi, base.capacityChangeInterval(), lost, lo, hi)));
    }

    /** The same options for a node's command line (cluster nodes); checked first, as the node would. */
    List<String> flags() {
        List<String> out = new ArrayList<>();
        if (simulation().isEmpty()) {
            return out;
        }
        out.add("--link-sim");
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

    private static <T> T parse(java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
    }
}
