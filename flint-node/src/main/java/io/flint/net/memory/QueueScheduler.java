package io.flint.net.memory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Ignores delays: tasks run in the order they were scheduled, when the test calls
 * {@link #drain()}. Tasks never run inside {@code schedule}, so a frame sent from a callback is
 * delivered after that callback returns, as on a real network, and nothing re-enters the caller.
 */
public final class QueueScheduler implements Scheduler {

    /** A drain that runs this many tasks without emptying the queue is a ping-pong loop. */
    public static final int DEFAULT_MAX_TASKS = 1_000_000;

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        tasks.add(task);
    }

    /** Runs tasks (including the ones they schedule) until none is left; returns how many ran. */
    public int drain() {
        return drain(DEFAULT_MAX_TASKS);
    }

    /**
     * As {@link #drain()}, but gives up with an {@link IllegalStateException} after
     * {@code maxTasks} tasks, so two nodes answering each other forever fail the test.
     */
    public int drain(int maxTasks) {
        int ran = 0;
        Runnable next;
        while ((next = poll()) != null) {
            if (ran == maxTasks) {
                throw new IllegalStateException("still busy after " + maxTasks + " tasks");
            }
            next.run();
            ran++;
        }
        return ran;
    }

    /** Tasks waiting to run. */
    public synchronized int pending() {
        return tasks.size();
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
