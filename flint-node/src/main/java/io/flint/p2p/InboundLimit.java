package io.flint.p2p;

/**
 * The inbound rate limit of one source of messages: a known peer (kept with its table entry) or
 * a connection that does not speak for one (kept with the connection, gone when it closes). So
 * the limit's state is bounded by the peer table and the open connections, never by the ids a
 * sender may claim: a flood under a new id on every message is limited like any other.
 */
final class InboundLimit {
    /** A flood counts one offence per this many milliseconds, so three seconds of it get a ban. */
    static final long OFFENCE_SPACING_MS = 1_000;

    private final TokenBucket bucket;
    private long lastOffence = Long.MIN_VALUE / 2;

    InboundLimit(P2pConfig config, long now) {
        this.bucket = new TokenBucket(config.inboundRate(), config.inboundBurst(), now);
    }

    /** Takes a token for one message; false when over the limit. */
    boolean admit(long now) {
        return bucket.tryTake(now);
    }

    /** Whether this refusal counts an offence (the first of each spacing interval does). */
    boolean offenceDue(long now) {
        if (now - lastOffence < OFFENCE_SPACING_MS) {
            return false;
        }
        lastOffence = now;
        return true;
    }
}
