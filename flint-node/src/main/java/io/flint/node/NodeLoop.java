package io.flint.node;

import io.flint.chain.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's event loop: one thread that owns every change of chain state, pool and protocol
 * state, as Bitcoin Core's message-handler thread does. Other threads (HTTP, miners, network
 * I/O) hand it work and, when they need an answer, wait on the returned future.
 */
public final class NodeLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeLoop.class);

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    public NodeLoop(String nodeId) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "flint-loop-" + nodeId);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // a task due later (after) must not hold a stopping node for its delay
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    /** True on the loop's own thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop; a failure is logged, never lost silently, and never stops the loop. */
    public void execute(Runnable task) {
        try {
            executor.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            log.debug("loop stopped; dropped a task");
        }
    }

    /** Runs {@code task} on the loop and completes with its result. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(task.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new NodeUnavailableException("the node is shutting down"));
        }
        return result;
    }

    /**
     * Runs {@code task} on the loop and waits for its result (from any thread but the loop's own,
     * where it runs inline to avoid waiting on itself).
     *
     * @throws NodeUnavailableException when the loop is shut down or does not answer within {@code timeout}
     */
    public <T> T call(Callable<T> task, Duration timeout) {
        if (inLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        try {
            return submit(task).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new NodeUnavailableException("the node is busy: no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node");
        }
    }

    /** Runs {@code task} on the loop every {@code period}, first after {@code period}. */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        return executor.scheduleWithFixedDelay(() -> guarded(task), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the loop once after {@code delay}. */
    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        return executor.schedule(() -> guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (StoreException e) {
            // the store told the node (a damaged file, a full disk), which said what to do and stops
            // when it cannot write: a stack trace here would only bury that line
            log.warn("event-loop task failed: {}", e.getMessage());
        } catch (Throwable t) {
            // one bad task must not kill the thread that owns the node's state
            log.error("event-loop task failed: {}", t.toString(), t);
        }
    }

    /** Stops accepting work, lets queued work finish for up to {@code grace}, then stops. */
    public void shutdown(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
