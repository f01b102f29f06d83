package io.flint.p2p;

/**
 * A token bucket over caller-supplied time (milliseconds), so it runs in virtual time: up to
 * {@code burst} tokens, refilled at {@code ratePerSecond}.
 */
final class TokenBucket {
    private double rate;
    private final double burst;
    private double tokens;
    private long lastMillis;

    TokenBucket(double ratePerSecond, double burst, long nowMillis) {
        this.rate = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = nowMillis;
    }

    private void refill(long now) {
        if (now > lastMillis) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * rate / 1000.0);
            lastMillis = now;
        }
    }

    boolean tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    boolean available(long now) {
        refill(now);
        return tokens >= 1;
    }

    /** Milliseconds until one token is there (0 if one is). */
    long millisUntilToken(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * 1000.0 / rate);
    }

    void setRate(double ratePerSecond, long now) {
        refill(now);
        this.rate = ratePerSecond;
    }
}
