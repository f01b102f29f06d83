package io.flint.wallet;

/**
 * One step of a BIP32 path: a 32-bit child number whose top bit marks a hardened child
 * (derivable only from the private key). Written {@code 7} or {@code 44'}.
 */
public record ChildNumber(int value) implements Comparable<ChildNumber> {
    /** The hardened bit: child numbers from 2^31 on are hardened. */
    public static final int HARDENED_BIT = 0x80000000;
    /** The largest index on either side of the split. */
    public static final int MAX_INDEX = 0x7FFFFFFF;

    /** A normal (non-hardened) child, {@code index} in [0, 2^31-1]. */
    public static ChildNumber normal(int index) {
        return new ChildNumber(checkIndex(index));
    }

    /** A hardened child, {@code index} in [0, 2^31-1]; its value is index + 2^31. */
    public static ChildNumber hardened(int index) {
        return new ChildNumber(checkIndex(index) | HARDENED_BIT);
    }

    public boolean isHardened() {
        return (value & HARDENED_BIT) != 0;
    }

    /** The index without the hardened bit. */
    public int index() {
        return value & MAX_INDEX;
    }

    /** The next child of the same kind: what BIP32 says to use when a child is invalid. */
    public ChildNumber next() {
        if (index() == MAX_INDEX) {
            throw new IllegalStateException("no child after " + this);
        }
        return new ChildNumber(value + 1);
    }

    private static int checkIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("child index must be in [0, 2^31-1], got " + Integer.toUnsignedString(index));
        }
        return index;
    }

    @Override
    public int compareTo(ChildNumber o) {
        return Integer.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return isHardened() ? index() + "'" : Integer.toString(index());
    }
}
