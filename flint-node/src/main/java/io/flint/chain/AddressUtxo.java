package io.flint.chain;

import io.flint.core.OutPoint;
import io.flint.core.consensus.Coin;

/** An unspent output of an address, from the address index. */
public record AddressUtxo(OutPoint outPoint, Coin coin) {}
