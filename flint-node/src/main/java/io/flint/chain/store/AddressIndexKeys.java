package io.flint.chain.store;

import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.script.Script;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Hash160;
import java.util.Optional;

/**
 * Keys of the ADDRESS column. Unspent outputs per address: {@code 'u' || hash160 || outpoint key}
 * (value: the coin, {@link CoinCodec}). History: {@code 'h' || hash160 || height (uint32 BE) ||
 * txid} (value: one role byte, {@link #RECEIVED} and/or {@link #SPENT}), so a prefix scan lists an
 * address's transactions in height order.
 */
public final class AddressIndexKeys {
    public static final byte UNSPENT = 'u';
    public static final byte HISTORY = 'h';
    /** Role bit: the transaction pays to the address. */
    public static final int RECEIVED = 1;
    /** Role bit: the transaction spends an output of the address. */
    public static final int SPENT = 2;

    private static final int HASH160 = Hash160.LENGTH;

    private AddressIndexKeys() {}

    /** The HASH160 an output pays to: P2PKH's key hash, or the hash of a P2PK key; empty for other scripts. */
    public static Optional<byte[]> hash160Of(Script scriptPubKey) {
        Optional<byte[]> p2pkh = StandardScripts.p2pkhHash(scriptPubKey);
        if (p2pkh.isPresent()) {
            return p2pkh;
        }
        return StandardScripts.p2pkPublicKey(scriptPubKey).map(Hash160::hash);
    }

    public static byte[] unspentPrefix(byte[] hash160) {
        return prefix(UNSPENT, hash160, 0);
    }

    public static byte[] unspentKey(byte[] hash160, OutPoint outPoint) {
        byte[] key = prefix(UNSPENT, hash160, CoinCodec.KEY_SIZE);
        CoinCodec.writeKey(outPoint, key, 1 + HASH160);
        return key;
    }

    /** The outpoint of an unspent-row key. */
    public static OutPoint outPointOf(byte[] unspentKey) {
        return CoinCodec.outPoint(unspentKey, 1 + HASH160);
    }

    public static byte[] historyPrefix(byte[] hash160) {
        return prefix(HISTORY, hash160, 0);
    }

    public static byte[] historyKey(byte[] hash160, long height, Hash txid) {
        byte[] key = prefix(HISTORY, hash160, 4 + Hash.LENGTH);
        int o = 1 + HASH160;
        key[o] = (byte) (height >>> 24);
        key[o + 1] = (byte) (height >>> 16);
        key[o + 2] = (byte) (height >>> 8);
        key[o + 3] = (byte) height;
        System.arraycopy(txid.toBytes(), 0, key, o + 4, Hash.LENGTH);
        return key;
    }

    public static long heightOf(byte[] historyKey) {
        int o = 1 + HASH160;
        return ((historyKey[o] & 0xffL) << 24) | ((historyKey[o + 1] & 0xffL) << 16)
                | ((historyKey[o + 2] & 0xffL) << 8) | (historyKey[o + 3] & 0xffL);
    }

    public static Hash txidOf(byte[] historyKey) {
        byte[] txid = new byte[Hash.LENGTH];
        System.arraycopy(historyKey, 1 + HASH160 + 4, txid, 0, Hash.LENGTH);
        return Hash.of(txid);
    }

    private static byte[] prefix(byte kind, byte[] hash160, int extra) {
        if (hash160.length != HASH160) {
            throw new IllegalArgumentException("an address hash is " + HASH160 + " bytes, got " + hash160.length);
        }
        byte[] key = new byte[1 + HASH160 + extra];
        key[0] = kind;
        System.arraycopy(hash160, 0, key, 1, HASH160);
        return key;
    }
}
