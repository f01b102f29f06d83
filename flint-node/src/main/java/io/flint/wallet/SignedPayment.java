package io.flint.wallet;

import io.flint.core.Transaction;
import io.flint.crypto.Address;
import java.util.Objects;
import java.util.Optional;

/** A payment ready to broadcast, with how its inputs were chosen, whom it pays and where its change went. */
public record SignedPayment(Transaction transaction, CoinSelection.Selection selection, Address recipient,
        Optional<Address> changeAddress) {
    public SignedPayment {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(changeAddress, "changeAddress");
    }
}
