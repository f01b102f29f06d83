package io.flint.api.view;

/**
 * {@code POST /wallet/newaddress}: the address just issued.
 */
public record AddressView(String address) {
}
