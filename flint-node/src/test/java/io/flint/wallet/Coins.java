package io.flint.wallet;

import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.script.Script;
import io.flint.core.script.StandardScripts;
import java.nio.ByteBuffer;

/** Test outputs: distinct outpoints (txid = double SHA-256 of a counter) paying P2PKH. */
final class Coins {
    private Coins() {}

    static OutPoint outPoint(int n) {
        return new OutPoint(Hash.twice(ByteBuffer.allocate(4).putInt(n).array()), n % 3);
    }

    static Script p2pkh(int n) {
        byte[] hash = new byte[20];
        hash[0] = (byte) n;
        hash[19] = (byte) (n >> 8);
        return StandardScripts.p2pkh(hash);
    }

    /** A confirmed, non-coinbase output of {@code units} at height 1. */
    static Utxo confirmed(int n, long units) {
        return new Utxo(outPoint(n), Amount.ofUnits(units), p2pkh(n), 1, false);
    }
}
