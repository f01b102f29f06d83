package io.flint.core.consensus;

import io.flint.core.RejectReason;
import io.flint.core.Rejection;

/**
 * The result of a rule that also computes something (the fee, the spent coins): the value, or
 * the rejection saying which rule failed.
 */
public sealed interface Checked<T> permits Checked.Passed, Checked.Failed {

    record Passed<T>(T value) implements Checked<T> {}

    record Failed<T>(Rejection rejection) implements Checked<T> {}

    static <T> Checked<T> passed(T value) {
        return new Passed<>(value);
    }

    static <T> Checked<T> failed(RejectReason reason, String detail) {
        return new Failed<>(new Rejection(reason, detail));
    }

    static <T> Checked<T> failed(Rejection rejection) {
        return new Failed<>(rejection);
    }

    default boolean isPassed() {
        return this instanceof Passed;
    }

    /** The value; only call after {@link #isPassed()}. */
    default T value() {
        if (this instanceof Passed<T> p) {
            return p.value();
        }
        throw new IllegalStateException("rule failed: " + ((Failed<T>) this).rejection().message());
    }

    /** The rejection; only call when not passed. */
    default Rejection rejection() {
        if (this instanceof Failed<T> f) {
            return f.rejection();
        }
        throw new IllegalStateException("rule passed");
    }
}
