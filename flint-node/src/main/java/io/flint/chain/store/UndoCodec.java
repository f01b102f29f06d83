package io.flint.chain.store;

import io.flint.core.ByteReader;
import io.flint.core.ByteWriter;
import io.flint.core.consensus.Coin;
import java.util.ArrayList;
import java.util.List;

/**
 * Undo data of a connected block, the UNDO column's value: the coins its inputs spent, in block
 * order (transaction by transaction, input by input; the coinbase spends none), as a CompactSize
 * count and {@link CoinCodec} coins. With the block it restores the UTXO set of its parent.
 */
public final class UndoCodec {
    private UndoCodec() {}

    public static byte[] encode(List<Coin> spent) {
        ByteWriter w = new ByteWriter(16 + spent.size() * 40);
        w.writeCompactSize(spent.size());
        for (Coin c : spent) {
            CoinCodec.write(c, w);
        }
        return w.toByteArray();
    }

    public static List<Coin> decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        long n = r.readCompactSize("undo coin count");
        List<Coin> coins = new ArrayList<>((int) Math.min(n, 1 << 16));
        for (long i = 0; i < n; i++) {
            coins.add(CoinCodec.read(r));
        }
        r.expectEnd("undo data");
        return coins;
    }
}
