package io.flint.p2p;

import java.util.Map;

/**
 * At most one log line per key (what happened, and to whom: a banned endpoint, a claimed id) per
 * interval: a node that dials again and again after each refusal, or a flood of connections,
 * must not fill the log, yet the operator must see that it is still happening. Bounded like every
 * per-sender record.
 */
final class LogPace {
    private static final int KEYS = 1_000;

    private final long intervalMillis;
    private final Map<String, Long> loggedAt = new RecentMap<>(KEYS);

    LogPace(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Whether a line for {@code key} may be logged now; if so, the next one waits an interval. */
    boolean due(String key, long now) {
        Long last = loggedAt.get(key);
        if (last != null && now - last < intervalMillis) {
            return false;
        }
        // removed first, so the key moves to the newest end and the oldest keys are forgotten first
        loggedAt.remove(key);
        loggedAt.put(key, now);
        return true;
    }
}
