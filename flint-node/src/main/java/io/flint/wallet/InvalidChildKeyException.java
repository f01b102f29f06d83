package io.flint.wallet;

/**
 * BIP32's rare invalid child (I_L not below the curve order, or a zero key / point at
 * infinity; probability below 2^-127). The spec's answer is to use the next index;
 * {@link #child()} is the one that failed.
 */
public final class InvalidChildKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ChildNumber child;

    InvalidChildKeyException(ChildNumber child, String why) {
        super("BIP32 child " + child + " is invalid (" + why + "); use the next index");
        this.child = child;
    }

    public ChildNumber child() {
        return child;
    }
}
