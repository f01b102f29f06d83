package io.flint.wallet;

/**
 * Whether an address was ever used on the chain (any transaction, confirmed or pooled, pays or
 * spends it): what address discovery asks a node, kept an interface so the wallet does no I/O.
 */
@FunctionalInterface
public interface AddressUsage {
    boolean hasHistory(String address);
}
