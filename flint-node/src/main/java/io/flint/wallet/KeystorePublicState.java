package io.flint.wallet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The keystore's clear-text part: which addresses were issued, which index comes next, and
 * whether the addresses already used on the chain were looked up ({@link Wallet#discover}).
 * Readable and updatable without the password, so issuing an address needs none; not
 * authenticated, so the wallet re-derives these addresses from the account key before trusting them.
 * A file without {@code discovered} (older Flint, or a restored wallet) is looked up once.
 */
public record KeystorePublicState(
        @JsonProperty("next_receive_index") int nextReceiveIndex,
        @JsonProperty("next_change_index") int nextChangeIndex,
        @JsonProperty("addresses") List<IssuedAddress> addresses,
        @JsonProperty("discovered") boolean discovered) {

    public static final KeystorePublicState EMPTY = new KeystorePublicState(0, 0, List.of(), false);

    public KeystorePublicState {
        if (nextReceiveIndex < 0 || nextChangeIndex < 0) {
            throw new IllegalArgumentException("next address indexes must not be negative");
        }
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    public int nextIndex(AddressChain chain) {
        return chain == AddressChain.RECEIVE ? nextReceiveIndex : nextChangeIndex;
    }

    /** This state with {@code issued} recorded and its chain's next index moved past it. */
    public KeystorePublicState withIssued(IssuedAddress issued) {
        List<IssuedAddress> more = new ArrayList<>(addresses);
        if (!more.contains(issued)) {
            more.add(issued);
        }
        int after = issued.index() + 1;
        return issued.chain() == AddressChain.RECEIVE
                ? new KeystorePublicState(Math.max(nextReceiveIndex, after), nextChangeIndex, more, discovered)
                : new KeystorePublicState(nextReceiveIndex, Math.max(nextChangeIndex, after), more, discovered);
    }

    /** This state marked as having its used addresses looked up (or having none to look up). */
    public KeystorePublicState withDiscovered() {
        return new KeystorePublicState(nextReceiveIndex, nextChangeIndex, addresses, true);
    }
}
