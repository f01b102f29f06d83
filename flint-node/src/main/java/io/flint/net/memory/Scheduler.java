package io.flint.net.memory;

import java.time.Duration;

/**
 * Runs a task after a delay. The in-memory network delivers through one, so a test decides
 * what time means: {@link VirtualScheduler} advances virtual time on one thread (the
 * simulator), {@link QueueScheduler} ignores delays and runs tasks in submission order.
 */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} once {@code delay} (zero or positive) has passed. Never runs it inline. */
    void schedule(Duration delay, Runnable task);
}
