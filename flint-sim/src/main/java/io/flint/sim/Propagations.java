package io.flint.sim;

import io.flint.sim.SimulationReport.Level;
import io.flint.sim.SimulationReport.Propagation;
import io.flint.sim.SimulationReport.Stats;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;

/**
 * How far a thing (a block, a payment) had spread by when: one row per thing that reached every
 * node counted for it, its delay to 50, 90 and 100 % of them (nearest rank: 50 % of 5 nodes is
 * the 3rd), and the report's figures over those rows. The simulator and {@code flint cluster
 * stats} measure with the same definitions this way.
 */
public final class Propagations {
    /** The shares of the nodes a thing's delay is reported for. */
    public static final int[] LEVELS = {50, 90, 100};

    private Propagations() {}

    /**
     * One thing's row: its delays (any order, in ns) to each of the {@code eligible} nodes counted
     * for it, the origin's own 0 included; empty when it did not reach them all.
     *
     * @return the delay to each level's share of the nodes, then {@code eligible}
     */
    public static java.util.Optional<long[]> row(List<Long> delays, int eligible) {
        if (eligible == 0 || delays.size() < eligible) {
            return java.util.Optional.empty();
        }
        List<Long> sorted = delays.stream().sorted().toList();
        long[] row = new long[LEVELS.length + 1];
        row[LEVELS.length] = eligible;
        for (int i = 0; i < LEVELS.length; i++) {
            int rank = (int) Math.ceil(LEVELS[i] / 100.0 * eligible);
            row[i] = sorted.get(Math.max(rank, 1) - 1);
        }
        return java.util.Optional.of(row);
    }

    /** The report's figures of {@code items} things, of which {@code rows} reached every node counted. */
    public static Propagation of(long items, List<long[]> rows) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < LEVELS.length; i++) {
            List<Long> delays = new ArrayList<>(rows.size());
            for (long[] row : rows) {
                delays.add(row[i]);
            }
            levels.add(new Level(LEVELS[i], Stats.of(delays)));
        }
        IntSummaryStatistics nodes = rows.stream().mapToInt(row -> (int) row[LEVELS.length]).summaryStatistics();
        return new Propagation(items, rows.size(), levels, rows.isEmpty() ? 0 : nodes.getMin(),
                rows.isEmpty() ? 0 : nodes.getMax(), Math.round(nodes.getAverage() * 10) / 10.0);
    }
}
