package io.flint.cli;

import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.crypto.Address;
import io.flint.wallet.CoinSelection;

/**
 * The ADDRESS and AMOUNT of a payment as the user typed them, checked before any node is asked to
 * pay: by {@code flint wallet send} and by the client's {@code send} (and {@code mine ADDRESS}),
 * so both refuse the same mistakes with the same words. Each check names the argument, the value
 * and what is wrong; the caller chooses the exit code ({@code wallet send}: a usage error; the
 * client: 1, as for any refusal there).
 */
final class PaymentArguments {
    private PaymentArguments() {}

    /**
     * The address {@code text} names, for {@code network}.
     *
     * @throws UserError with {@code exitCode} when it is no P2PKH address, or one of another network
     */
    static Address address(String text, NetworkParams network, int exitCode) {
        Address address = address(text, exitCode);
        if (address.version() != network.addressVersion()) {
            throw new UserError("ADDRESS '" + text + "' is one of the " + address.version().addressesDescribed()
                    + "; the " + network.name() + " network pays " + network.addressVersion().addressesDescribed(),
                    exitCode);
        }
        return address;
    }

    /**
     * The address {@code text} names, of whatever network: the check that needs no node (which
     * network it is for is known only from the wallet or the node).
     */
    static Address address(String text, int exitCode) {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("ADDRESS '" + text + "' is not an address: " + e.getMessage(), exitCode);
        }
    }

    /**
     * The amount {@code text} says, in coins with at most 8 decimals, more than 0 and not below the
     * dust limit (an output no node relays). Exactly as typed: " 1" is refused, as the node's
     * {@code POST /wallet/send} refuses it.
     */
    static Amount amount(String text, int exitCode) {
        Amount amount;
        try {
            amount = Amount.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("AMOUNT '" + text + "': " + e.getMessage(), exitCode);
        }
        if (amount.isZero()) {
            throw new UserError("AMOUNT '" + text + "': the amount must be more than 0", exitCode);
        }
        if (amount.isLessThan(CoinSelection.DUST_LIMIT)) {
            throw new UserError("AMOUNT '" + text + "' is below the dust limit of " + CoinSelection.DUST_LIMIT.toCoinString()
                    + " (" + CoinSelection.DUST_LIMIT.units() + " units): no node would relay such an output", exitCode);
        }
        return amount;
    }
}
