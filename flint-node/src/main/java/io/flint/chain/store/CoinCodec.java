package io.flint.chain.store;

import io.flint.core.ByteReader;
import io.flint.core.ByteWriter;
import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.TxOut;
import io.flint.core.consensus.Coin;
import io.flint.core.script.Script;

/**
 * Keys and values of the UTXO column. Key: txid (32 bytes, internal order) then the output index
 * as a big-endian uint32, so one transaction's outputs sort together and in order. Value: value
 * (int64 LE), height (uint32 LE), coinbase flag (1 byte), scriptPubKey (CompactSize + bytes).
 */
public final class CoinCodec {
    public static final int KEY_SIZE = Hash.LENGTH + 4;

    private CoinCodec() {}

    public static byte[] key(OutPoint outPoint) {
        byte[] key = new byte[KEY_SIZE];
        writeKey(outPoint, key, 0);
        return key;
    }

    /** Writes the 36-byte key of {@code outPoint} at {@code offset} (address rows embed it). */
    static void writeKey(OutPoint outPoint, byte[] dest, int offset) {
        System.arraycopy(outPoint.txid().toBytes(), 0, dest, offset, Hash.LENGTH);
        long index = outPoint.index();
        dest[offset + 32] = (byte) (index >>> 24);
        dest[offset + 33] = (byte) (index >>> 16);
        dest[offset + 34] = (byte) (index >>> 8);
        dest[offset + 35] = (byte) index;
    }

    public static OutPoint outPoint(byte[] key) {
        return outPoint(key, 0);
    }

    static OutPoint outPoint(byte[] key, int offset) {
        byte[] txid = new byte[Hash.LENGTH];
        System.arraycopy(key, offset, txid, 0, Hash.LENGTH);
        long index = ((key[offset + 32] & 0xffL) << 24) | ((key[offset + 33] & 0xffL) << 16)
                | ((key[offset + 34] & 0xffL) << 8) | (key[offset + 35] & 0xffL);
        return new OutPoint(Hash.of(txid), index);
    }

    public static byte[] encode(Coin coin) {
        ByteWriter w = new ByteWriter(8 + 4 + 1 + 1 + coin.output().scriptPubKey().size());
        write(coin, w);
        return w.toByteArray();
    }

    static void write(Coin coin, ByteWriter w) {
        w.writeInt64(coin.output().value());
        w.writeUInt32(coin.height());
        w.writeUInt8(coin.coinbase() ? 1 : 0);
        w.writeVarBytes(coin.output().scriptPubKey().program());
    }

    public static Coin decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        Coin coin = read(r);
        r.expectEnd("coin");
        return coin;
    }

    static Coin read(ByteReader r) {
        long value = r.readInt64("coin value");
        long height = r.readUInt32("coin height");
        boolean coinbase = r.readUInt8("coin flags") != 0;
        Script script = Script.of(r.readVarBytes("coin script"));
        return new Coin(new TxOut(value, script), height, coinbase);
    }
}
