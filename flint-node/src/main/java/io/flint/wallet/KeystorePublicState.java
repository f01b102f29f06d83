package io.flint.wallet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The keystore's clear-text part: which addresses were issued, which index comes next, and
 * whether the addresses already used on the chain were looked up ({@link Wallet#discover}).
 * Readable and updatable without the password, so issuing an address needs none; not
 * authenticated, so the wallet re-derives these addresses from the account key before trusting them.
 * A file without {@code discovered} (older Flint, or a restored wallet) is looked up once. The
 * payments it sent ({@code sent}, the latest {@value #SENT_KEPT}) are kept to say which of them
 * the node no longer knows.
 */
public record KeystorePublicState(
        @JsonProperty("next_receive_index") int nextReceiveIndex,
        @JsonProperty("next_change_index") int nextChangeIndex,
        @JsonProperty("addresses") List<IssuedAddress> addresses,
        @JsonProperty("discovered") boolean discovered,
        @JsonProperty("sent") List<SentPayment> sent) {

    public static final int SENT_KEPT = 200;
    public static final KeystorePublicState EMPTY = new KeystorePublicState(0, 0, List.of(), false, List.of());

    public KeystorePublicState {
        if (nextReceiveIndex < 0 || nextChangeIndex < 0) {
            throw new IllegalArgumentException("next address indexes must not be negative");
        }
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        sent = sent == null ? List.of() : List.copyOf(sent);
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
                ? new KeystorePublicState(Math.max(nextReceiveIndex, after), nextChangeIndex, more, discovered, sent)
                : new KeystorePublicState(nextReceiveIndex, Math.max(nextChangeIndex, after), more, discovered, sent);
    }

    /** This state marked as having its used addresses looked up (or having none to look up). */
    public KeystorePublicState withDiscovered() {
        return new KeystorePublicState(nextReceiveIndex, nextChangeIndex, addresses, true, sent);
    }

    /** This state with {@code payment} recorded, the oldest forgotten past {@value #SENT_KEPT}. */
    public KeystorePublicState withSent(SentPayment payment) {
        List<SentPayment> more = new ArrayList<>(sent);
        more.removeIf(p -> p.txid().equals(payment.txid()));
        more.add(payment);
        return new KeystorePublicState(nextReceiveIndex, nextChangeIndex, addresses, discovered,
                more.subList(Math.max(0, more.size() - SENT_KEPT), more.size()));
    }
}
