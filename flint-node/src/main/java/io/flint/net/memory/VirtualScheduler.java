package io.flint.net.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Virtual time for the deterministic simulator: tasks wait in a queue ordered by (due time,
 * submission order) and run when a driver advances time with {@link #runUntil} or
 * {@link #runFor}. Time never moves on its own and never jumps backwards; tasks due at the
 * same instant run in the order they were scheduled, so one seed gives one history.
 *
 * <p>Meant to be driven from one thread; scheduling is thread-safe, but tasks run on the
 * driving thread.
 */
public final class VirtualScheduler implements Scheduler {

    private record Task(long dueNanos, long sequence, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final Instant origin;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Clock clock;
    private long nowNanos;
    private long nextSequence;

    /** Starts virtual time at {@code origin}. */
    public VirtualScheduler(Instant origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.clock = new VirtualClock(ZoneOffset.UTC);
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        queue.add(new Task(Math.addExact(nowNanos, delay.toNanos()), nextSequence++, task));
    }

    /** The current virtual instant. */
    public synchronized Instant now() {
        return origin.plusNanos(nowNanos);
    }

    /** A {@link Clock} that reads this scheduler's virtual time (in UTC), for the code under test. */
    public Clock clock() {
        return clock;
    }

    /**
     * Runs every task due at or before {@code deadline} (including tasks they schedule within
     * it), each at its own due time, then leaves the clock at {@code deadline}. Returns how many
     * tasks ran.
     */
    public int runUntil(Instant deadline) {
        long deadlineNanos = Duration.between(origin, deadline).toNanos();
        int ran = 0;
        Task next;
        while ((next = pollDue(deadlineNanos)) != null) {
            next.action().run();
            ran++;
        }
        synchronized (this) {
            nowNanos = Math.max(nowNanos, deadlineNanos);
        }
        return ran;
    }

    /** {@link #runUntil} {@code now() + duration}. */
    public int runFor(Duration duration) {
        return runUntil(now().plus(duration));
    }

    /**
     * Runs the earliest task, advancing the clock to its due time. Returns false when nothing is
     * scheduled.
     */
    public boolean runNext() {
        Task next = pollDue(Long.MAX_VALUE);
        if (next == null) {
            return false;
        }
        next.action().run();
        return true;
    }

    /**
     * Runs tasks in time order until none is left, failing with an {@link IllegalStateException}
     * after {@code maxTasks} (a periodic task never lets the queue empty). Returns how many ran.
     */
    public int runUntilIdle(int maxTasks) {
        int ran = 0;
        while (pending() > 0) {
            if (ran == maxTasks) {
                throw new IllegalStateException("still busy after " + maxTasks + " tasks at " + now());
            }
            runNext();
            ran++;
        }
        return ran;
    }

    /** Tasks waiting to run. */
    public synchronized int pending() {
        return queue.size();
    }

    private synchronized Task pollDue(long deadlineNanos) {
        Task head = queue.peek();
        if (head == null || head.dueNanos() > deadlineNanos) {
            return null;
        }
        queue.poll();
        nowNanos = Math.max(nowNanos, head.dueNanos());
        return head;
    }

    /** The scheduler's time seen as a Clock; stateless apart from its zone. */
    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new VirtualClock(newZone);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
