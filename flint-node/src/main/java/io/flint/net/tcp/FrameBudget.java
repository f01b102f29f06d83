package io.flint.net.tcp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of incomplete frames one transport holds across its connections, against a limit.
 * A frame's buffer grows as its bytes arrive (nothing is reserved at the declared length), so
 * what an idle or slow sender costs is what it has sent; this caps the sum, which is what many
 * senders of large half-frames would otherwise drive to an out-of-memory error.
 */
final class FrameBudget {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    FrameBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} more if they fit; false (and nothing taken) if they do not. */
    boolean tryTake(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void give(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }

    long limit() {
        return limit;
    }
}
