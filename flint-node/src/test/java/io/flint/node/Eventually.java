package io.flint.node;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Awaitility for a {@link NodeNetwork}: a condition that times out fails with every node's state. */
public final class Eventually {
    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {}

    /** Waits until {@code condition} holds, at most {@code timeout}. */
    public static void within(Duration timeout, NodeNetwork net, String what, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms\n" + net.describe(), e);
        }
    }
}
