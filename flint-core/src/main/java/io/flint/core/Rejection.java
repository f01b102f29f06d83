package io.flint.core;

/**
 * A rejection: the reason and the particulars of this case (which output, which input...), so
 * the message says exactly what was wrong.
 */
public record Rejection(RejectReason reason, String detail) {
    public Rejection {
        if (reason == null || detail == null) {
            throw new IllegalArgumentException("a rejection needs a reason and a detail");
        }
    }

    public String code() {
        return reason.code();
    }

    /** "bad-txns-vout-negative: an output has a negative value (output 1 has -1 units)". */
    public String message() {
        return reason.code() + ": " + reason.description() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    @Override
    public String toString() {
        return message();
    }
}
