package io.flint.wallet;

/**
 * What {@link Wallet#discover} found: the highest used index of each chain (-1 when none was
 * used) and how many addresses it asked about.
 */
public record Discovery(int highestReceive, int highestChange, int lookups) {
    /** Used addresses found, counting every index up to each chain's highest (gaps included). */
    public int usedAddresses() {
        return highestReceive + 1 + highestChange + 1;
    }
}
