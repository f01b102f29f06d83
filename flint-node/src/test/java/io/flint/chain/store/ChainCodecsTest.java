package io.flint.chain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.DecodeException;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.TxOut;
import io.flint.core.consensus.Coin;
import io.flint.core.script.StandardScripts;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed codecs of the chain's columns: round trips, key order, and errors on bad bytes. */
class ChainCodecsTest {
    static final byte[] H160 = new byte[20];

    static {
        Arrays.fill(H160, (byte) 0xab);
    }

    final Coin coin = new Coin(new TxOut(12_345, StandardScripts.p2pkh(H160)), 77, true);
    final OutPoint op = new OutPoint(Hash.twice(new byte[] {1}), 258);

    @Test
    void headerEntriesRoundTrip() {
        StoredHeader h = new StoredHeader(NetworkParams.DEMO.genesis().header(), BigInteger.valueOf(256).pow(5),
                StoredHeader.HAVE_DATA | StoredHeader.FAILED);
        assertThat(StoredHeader.decode(h.encode())).isEqualTo(h);
        byte[] truncated = Arrays.copyOf(h.encode(), 90);
        assertThatThrownBy(() -> StoredHeader.decode(truncated)).isInstanceOf(DecodeException.class);
    }

    @Test
    void coinsAndTheirKeysRoundTrip() {
        assertThat(CoinCodec.decode(CoinCodec.encode(coin))).isEqualTo(coin);
        assertThat(CoinCodec.outPoint(CoinCodec.key(op))).isEqualTo(op);
        // the index is big-endian so one transaction's outputs sort in order
        byte[] k1 = CoinCodec.key(new OutPoint(op.txid(), 1));
        byte[] k256 = CoinCodec.key(new OutPoint(op.txid(), 256));
        assertThat(Arrays.compareUnsigned(k1, k256)).isNegative();
        assertThatThrownBy(() -> CoinCodec.decode(new byte[] {1, 2, 3})).isInstanceOf(DecodeException.class);
    }

    @Test
    void undoDataRoundTrips() {
        List<Coin> coins = List.of(coin, new Coin(new TxOut(1, StandardScripts.p2pkh(new byte[20])), 3, false));
        assertThat(UndoCodec.decode(UndoCodec.encode(coins))).isEqualTo(coins);
        assertThat(UndoCodec.decode(UndoCodec.encode(List.of()))).isEmpty();
    }

    @Test
    void addressKeysCarryTheirParts() {
        byte[] u = AddressIndexKeys.unspentKey(H160, op);
        assertThat(AddressIndexKeys.outPointOf(u)).isEqualTo(op);
        assertThat(Arrays.copyOf(u, 21)).isEqualTo(AddressIndexKeys.unspentPrefix(H160));
        byte[] h = AddressIndexKeys.historyKey(H160, 70_000, op.txid());
        assertThat(AddressIndexKeys.heightOf(h)).isEqualTo(70_000);
        assertThat(AddressIndexKeys.txidOf(h)).isEqualTo(op.txid());
        // history sorts by height
        assertThat(Arrays.compareUnsigned(AddressIndexKeys.historyKey(H160, 255, op.txid()),
                AddressIndexKeys.historyKey(H160, 256, Hash.ZERO))).isNegative();
        assertThatThrownBy(() -> AddressIndexKeys.unspentPrefix(new byte[19]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 bytes");
    }

    @Test
    void onlyP2pkhAndP2pkOutputsHaveAnAddress() {
        assertThat(AddressIndexKeys.hash160Of(StandardScripts.p2pkh(H160))).hasValue(H160);
        assertThat(AddressIndexKeys.hash160Of(StandardScripts.opReturn(new byte[] {1}))).isEmpty();
    }
}
