package io.flint.chain;

import io.flint.chain.store.AddressIndexKeys;
import io.flint.chain.store.CoinCodec;
import io.flint.chain.store.Column;
import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.StoreBatch;
import io.flint.core.OutPoint;
import io.flint.core.consensus.Coin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The UTXO set of the store with pending changes on top: a reorganisation disconnects and
 * connects any number of blocks here, in memory, and only if all of them pass are the net
 * changes written, as one batch with the unspent rows of the address index. Until then the store
 * is untouched, so a failure just drops the overlay. A run of blocks extending the tip uses one
 * overlay per block, each {@link #layerAbove} the previous, so each block's batch can be written
 * on its own while the next block is checked.
 */
final class CoinsOverlay implements CoinStore {
    private final KeyValueStore store;
    /** Pending state per outpoint; a null value means spent. */
    private final Map<OutPoint, Coin> changed = new LinkedHashMap<>();
    /**
     * The state this overlay starts from, per outpoint read so far (empty = absent): the store's,
     * or the layer below's while that one is not written yet; each outpoint is looked up once.
     */
    private final Map<OutPoint, Optional<Coin>> read = new HashMap<>();
    /** The previous block's overlay while its batch is not written yet; null once it is, or at the bottom. */
    private CoinsOverlay below;

    CoinsOverlay(KeyValueStore store) {
        this(store, null);
    }

    private CoinsOverlay(KeyValueStore store, CoinsOverlay below) {
        this.store = store;
        this.below = below;
    }

    /**
     * A new overlay starting from this one's state, for the next block of a run whose blocks are
     * written one by one: it holds only the next block's changes, so its {@link #writeTo} batch
     * can follow this one's. Call {@link #belowWritten} on it once this one's batch is written.
     */
    CoinsOverlay layerAbove() {
        return new CoinsOverlay(store, this);
    }

    /** The layer below is written: from now on the store holds its state, so it can be let go. */
    void belowWritten() {
        below = null;
    }

    @Override
    public Optional<Coin> coin(OutPoint outPoint) {
        if (changed.containsKey(outPoint)) {
            return Optional.ofNullable(changed.get(outPoint));
        }
        return base(outPoint);
    }

    private Optional<Coin> base(OutPoint outPoint) {
        Optional<Coin> known = read.get(outPoint);
        if (known != null) {
            return known;
        }
        Optional<Coin> coin = below != null ? below.coin(outPoint) : decode(store.get(Column.UTXO, CoinCodec.key(outPoint)));
        read.put(outPoint, coin);
        return coin;
    }

    /** What this overlay or the layers below already know of {@code outPoint}, without a store read; null if nothing. */
    private Optional<Coin> known(OutPoint outPoint) {
        if (changed.containsKey(outPoint)) {
            return Optional.ofNullable(changed.get(outPoint));
        }
        Optional<Coin> r = read.get(outPoint);
        return r != null || below == null ? r : below.known(outPoint);
    }

    /** Reads the coins of {@code outPoints} in one store call (a block's inputs, before checking them). */
    void prefetch(List<OutPoint> outPoints) {
        List<OutPoint> wanted = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (OutPoint op : outPoints) {
            if (changed.containsKey(op) || read.containsKey(op)) {
                continue;
            }
            Optional<Coin> fromBelow = below == null ? null : below.known(op);
            if (fromBelow != null) {
                read.put(op, fromBelow);
            } else {
                wanted.add(op);
                keys.add(CoinCodec.key(op));
            }
        }
        List<byte[]> values = store.getAll(Column.UTXO, keys);
        for (int i = 0; i < wanted.size(); i++) {
            read.put(wanted.get(i), decode(values.get(i)));
        }
    }

    private static Optional<Coin> decode(byte[] value) {
        return value == null ? Optional.empty() : Optional.of(CoinCodec.decode(value));
    }

    @Override
    public void put(OutPoint outPoint, Coin coin) {
        changed.put(outPoint, coin);
    }

    @Override
    public void remove(OutPoint outPoint) {
        changed.put(outPoint, null);
    }

    /**
     * Adds the net changes to {@code batch}: UTXO rows and the address index's unspent rows. The
     * batch must be written after the layers below this one, if any.
     */
    void writeTo(StoreBatch batch) {
        for (Map.Entry<OutPoint, Coin> e : changed.entrySet()) {
            OutPoint op = e.getKey();
            Coin now = e.getValue();
            if (now == null) {
                // spent: it was read before it was spent, unless a disconnect removed an output
                // it never read; what the state below holds decides whether there is a row to delete
                Optional<Coin> before = base(op);
                if (before.isPresent()) {
                    batch.delete(Column.UTXO, CoinCodec.key(op));
                    AddressIndexKeys.hash160Of(before.get().output().scriptPubKey()).ifPresent(h ->
                            batch.delete(Column.ADDRESS, AddressIndexKeys.unspentKey(h, op)));
                }
            } else {
                // a put is idempotent: no need to read what the store had
                byte[] value = CoinCodec.encode(now);
                batch.put(Column.UTXO, CoinCodec.key(op), value);
                AddressIndexKeys.hash160Of(now.output().scriptPubKey()).ifPresent(h ->
                        batch.put(Column.ADDRESS, AddressIndexKeys.unspentKey(h, op), value));
            }
        }
    }
}
