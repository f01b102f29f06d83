package io.flint.wallet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** An address the wallet has handed out (or used for change), with where it sits in the tree. */
public record IssuedAddress(
        @JsonProperty("chain") AddressChain chain,
        @JsonProperty("index") int index,
        @JsonProperty("address") String address) {
    public IssuedAddress {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(address, "address");
        if (index < 0) {
            throw new IllegalArgumentException("address index must not be negative, got " + index);
        }
    }
}
