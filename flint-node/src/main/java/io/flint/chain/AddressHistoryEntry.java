package io.flint.chain;

import io.flint.chain.store.AddressIndexKeys;
import io.flint.core.Hash;

/**
 * A confirmed transaction that touches an address.
 *
 * @param received the transaction pays to the address
 * @param spent the transaction spends an output of the address
 */
public record AddressHistoryEntry(Hash txid, long height, boolean received, boolean spent) {
    static AddressHistoryEntry of(byte[] key, byte[] value) {
        int role = value.length == 0 ? 0 : value[0];
        return new AddressHistoryEntry(AddressIndexKeys.txidOf(key), AddressIndexKeys.heightOf(key),
                (role & AddressIndexKeys.RECEIVED) != 0, (role & AddressIndexKeys.SPENT) != 0);
    }
}
