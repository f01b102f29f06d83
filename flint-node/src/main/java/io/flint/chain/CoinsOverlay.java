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
 * is untouched, so a failure just drops the overlay.
 */
final class CoinsOverlay implements CoinStore {
    private final KeyValueStore store;
    /** Pending state per outpoint; a null value means spent. */
    private final Map<OutPoint, Coin> changed = new LinkedHashMap<>();
    /** Store reads so far (empty = absent), so each outpoint is read at most once. */
    private final Map<OutPoint, Optional<Coin>> read = new HashMap<>();

    CoinsOverlay(KeyValueStore store) {
        this.store = store;
    }

    @Override
    public Optional<Coin> coin(OutPoint outPoint) {
        if (changed.containsKey(outPoint)) {
            return Optional.ofNullable(changed.get(outPoint));
        }
        return stored(outPoint);
    }

    private Optional<Coin> stored(OutPoint outPoint) {
        return read.computeIfAbsent(outPoint, op -> {
            byte[] v = store.get(Column.UTXO, CoinCodec.key(op));
            return v == null ? Optional.empty() : Optional.of(CoinCodec.decode(v));
        });
    }

    /** Reads the stored coins of {@code outPoints} in one store call (a block's inputs, before checking them). */
    void prefetch(List<OutPoint> outPoints) {
        List<OutPoint> wanted = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (OutPoint op : outPoints) {
            if (!changed.containsKey(op) && !read.containsKey(op)) {
                wanted.add(op);
                keys.add(CoinCodec.key(op));
            }
        }
        List<byte[]> values = store.getAll(Column.UTXO, keys);
        for (int i = 0; i < wanted.size(); i++) {
            byte[] v = values.get(i);
            read.put(wanted.get(i), v == null ? Optional.empty() : Optional.of(CoinCodec.decode(v)));
        }
    }

    @Override
    public void put(OutPoint outPoint, Coin coin) {
        changed.put(outPoint, coin);
    }

    @Override
    public void remove(OutPoint outPoint) {
        changed.put(outPoint, null);
    }

    /** Adds the net changes to {@code batch}: UTXO rows and the address index's unspent rows. */
    void writeTo(StoreBatch batch) {
        for (Map.Entry<OutPoint, Coin> e : changed.entrySet()) {
            OutPoint op = e.getKey();
            Coin now = e.getValue();
            if (now == null) {
                // spent: it was read before it was spent, unless a disconnect removed an output
                // it never read; what the store holds decides whether there is a row to delete
                Optional<Coin> before = stored(op);
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
