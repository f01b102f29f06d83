package io.flint.wallet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A payment this wallet broadcast, kept in the keystore's clear-text part: the node's address
 * history shows only what its best chain and pool hold now, so a payment a conflicting one
 * replaced, or a reorganisation undid, would otherwise leave no trace in {@code wallet history}.
 *
 * @param txid the payment's transaction id (hex)
 * @param to where it paid
 * @param amountUnits how much it paid there (fee and change aside)
 * @param at when it was sent (seconds since the epoch)
 */
public record SentPayment(@JsonProperty("txid") String txid, @JsonProperty("to") String to,
        @JsonProperty("amount_units") long amountUnits, @JsonProperty("at") long at) {
    public SentPayment {
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(to, "to");
    }
}
