package io.flint.api;

import java.time.Duration;

/**
 * Limits of the HTTP API.
 *
 * @param mineTimeout how long {@code POST /mine} waits for a block by default
 * @param eventHeartbeat how often {@code /events} sends a heartbeat comment when idle (so that
 *     proxies keep the connection; a client that closes is noticed at once, not by this write)
 * @param eventQueue events buffered per {@code /events} client; beyond that the client misses
 *     events (counted, and told with an {@code overflow} event) rather than slowing the node
 * @param maxEventClients concurrent {@code /events} clients (each holds one HTTP thread while open)
 * @param httpThreads the HTTP server's worker threads
 */
public record ApiOptions(Duration mineTimeout, Duration eventHeartbeat, int eventQueue, int maxEventClients,
        int httpThreads) {
    public static final ApiOptions DEFAULTS = new ApiOptions(Duration.ofMinutes(2), Duration.ofSeconds(15), 1024, 32, 64);

    /** Threads the server keeps for its acceptor, selector and ordinary requests beyond the event streams. */
    static final int THREADS_BESIDE_STREAMS = 8;

    public ApiOptions {
        if (mineTimeout.isNegative() || mineTimeout.isZero() || eventHeartbeat.isNegative() || eventHeartbeat.isZero()) {
            throw new IllegalArgumentException("API timeouts must be positive");
        }
        if (eventQueue < 1 || maxEventClients < 1) {
            throw new IllegalArgumentException("the event queue and the number of event clients must be at least 1");
        }
        // each event stream holds a thread: the others must not be starved by them
        if (httpThreads < maxEventClients + THREADS_BESIDE_STREAMS) {
            throw new IllegalArgumentException("HTTP threads (" + httpThreads + ") must exceed the event clients ("
                    + maxEventClients + ") by at least " + THREADS_BESIDE_STREAMS);
        }
    }

    public ApiOptions withEventHeartbeat(Duration heartbeat) {
        return new ApiOptions(mineTimeout, heartbeat, eventQueue, maxEventClients, httpThreads);
    }
}
