package io.flint.net.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private static final Instant ORIGIN = Instant.parse("2025-01-01T00:00:00Z");
    private final VirtualScheduler scheduler = new VirtualScheduler(ORIGIN);
    private final List<String> log = new ArrayList<>();

    private void at(long millis, String name) {
        scheduler.schedule(Duration.ofMillis(millis), () -> log.add(name + "@" + scheduler.clock().millis()));
    }

    @Test
    void runsTasksByDueTimeThenBySubmissionOrder() {
        at(30, "c");
        at(10, "a1");
        at(10, "a2");
        at(20, "b");
        at(0, "now");

        assertThat(scheduler.runUntilIdle(100)).isEqualTo(5);
        long t0 = ORIGIN.toEpochMilli();
        assertThat(log).containsExactly(
                "now@" + t0, "a1@" + (t0 + 10), "a2@" + (t0 + 10), "b@" + (t0 + 20), "c@" + (t0 + 30));
    }

    @Test
    void runUntilStopsAtTheDeadlineAndLeavesTheClockThere() {
        at(10, "early");
        at(50, "late");

        assertThat(scheduler.runFor(Duration.ofMillis(20))).isEqualTo(1);
        assertThat(scheduler.now()).isEqualTo(ORIGIN.plusMillis(20));
        assertThat(scheduler.clock().instant()).isEqualTo(ORIGIN.plusMillis(20));
        assertThat(scheduler.pending()).isEqualTo(1);

        assertThat(scheduler.runUntil(ORIGIN.plusMillis(50))).isEqualTo(1);
        assertThat(log).hasSize(2);
    }

    @Test
    void tasksScheduledByTasksRunWithinTheSameWindow() {
        scheduler.schedule(Duration.ofMillis(5), () -> {
            log.add("outer");
            scheduler.schedule(Duration.ofMillis(5), () -> log.add("inner@" + scheduler.now()));
        });
        scheduler.runFor(Duration.ofMillis(10));
        assertThat(log).containsExactly("outer", "inner@" + ORIGIN.plusMillis(10));
    }

    @Test
    void runUntilIdleRefusesToSpinForever() {
        Runnable[] again = new Runnable[1];
        again[0] = () -> scheduler.schedule(Duration.ofSeconds(1), again[0]);
        scheduler.schedule(Duration.ZERO, again[0]);

        assertThatThrownBy(() -> scheduler.runUntilIdle(50))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still busy after 50 tasks");
    }

    @Test
    void negativeDelaysAreRejected() {
        assertThatThrownBy(() -> scheduler.schedule(Duration.ofMillis(-1), () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queueSchedulerRunsInSubmissionOrderOnlyWhenDrained() {
        QueueScheduler queue = new QueueScheduler();
        queue.schedule(Duration.ofSeconds(10), () -> log.add("slow"));
        queue.schedule(Duration.ZERO, () -> {
            log.add("fast");
            queue.schedule(Duration.ZERO, () -> log.add("follow-up"));
        });
        assertThat(log).isEmpty();
        assertThat(queue.drain()).isEqualTo(3);
        assertThat(log).containsExactly("slow", "fast", "follow-up");
    }
}
