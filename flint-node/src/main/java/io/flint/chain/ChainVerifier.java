package io.flint.chain;

import io.flint.chain.store.AddressIndexKeys;
import io.flint.chain.store.CoinCodec;
import io.flint.chain.store.Column;
import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.MetaKeys;
import io.flint.chain.store.StoreException;
import io.flint.chain.store.StoredHeader;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.consensus.Coin;
import io.flint.crypto.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recomputes the UTXO set from the stored blocks of the best chain, genesis first, and compares
 * it with the stored set: both are reduced to a SHA-256 over their entries sorted by key (each
 * entry the UTXO column's key and value, {@link CoinCodec}). The unspent rows of the address
 * index are compared the same way. Pure logic over a store; {@code flint chain verify} prints the
 * report.
 */
public final class ChainVerifier {
    /** How many unreadable blocks a report names (the rest are counted). */
    private static final int SHOWN_UNREADABLE = 20;

    /**
     * The verdict.
     *
     * @param storedUtxoHash digest of the stored UTXO set
     * @param rebuiltUtxoHash digest of the set rebuilt from the blocks
     * @param addressIndexMatches the address index's unspent rows are exactly those the rebuilt set implies
     */
    public record Report(Hash tip, long height, Hash storedUtxoHash, long storedUtxoCount, Hash rebuiltUtxoHash,
            long rebuiltUtxoCount, boolean addressIndexMatches) {
        /** The stored set equals the rebuilt one and the address index agrees. */
        public boolean matches() {
            return storedUtxoHash.equals(rebuiltUtxoHash) && storedUtxoCount == rebuiltUtxoCount && addressIndexMatches;
        }

        /** Lines for a person: tip, both digests and counts, the verdict. */
        public String describe() {
            return "tip " + tip + " at height " + height + "\n"
                    + "stored UTXO set:  " + storedUtxoHash.toHex() + " (" + storedUtxoCount + " outputs)\n"
                    + "rebuilt UTXO set: " + rebuiltUtxoHash.toHex() + " (" + rebuiltUtxoCount + " outputs)\n"
                    + "address index: " + (addressIndexMatches ? "consistent" : "INCONSISTENT") + "\n"
                    + (matches() ? "OK: the stored state matches the blocks" : "MISMATCH: the stored state differs from the blocks");
        }
    }

    private ChainVerifier() {}

    /**
     * Replays the best chain stored in {@code store} and compares. Expects a store the chain has
     * written; reading a store while a node writes it gives a report of some consistent moment
     * only if the node is idle.
     *
     * @throws StoreException if the store has no tip, or a block of the best chain is missing or
     *     cannot be read (then every such block is named, up to {@value #SHOWN_UNREADABLE})
     */
    public static Report verify(KeyValueStore store, NetworkParams params) {
        byte[] tipBytes = store.get(Column.META, MetaKeys.tip());
        if (tipBytes == null) {
            throw new StoreException("the chain store " + store.location() + " has no tip: nothing to verify");
        }
        Hash tip = Hash.of(tipBytes);
        List<Hash> chain = bestChain(store, tip, params);
        MemoryCoins coins = new MemoryCoins();
        // a block that cannot be read (a damaged file) ends the replay, but the reading goes on so
        // that the report names every lost block, not only the first
        List<String> unreadable = new ArrayList<>();
        String firstFailure = null;
        for (int height = 0; height < chain.size(); height++) {
            Hash h = chain.get(height);
            byte[] bytes;
            try {
                bytes = store.get(Column.BLOCKS, h.toBytes());
            } catch (StoreException e) {
                unreadable.add(height + " (" + h + ")");
                firstFailure = firstFailure == null ? e.getMessage() : firstFailure;
                continue;
            }
            if (bytes == null) {
                throw new StoreException("block " + h + " of the best chain is missing from " + store.location());
            }
            if (unreadable.isEmpty()) {
                BlockApplier.connect(Block.parse(bytes), coins);
            }
        }
        if (!unreadable.isEmpty()) {
            throw new StoreException(unreadable.size() + " of the " + chain.size() + " blocks of the best chain in "
                    + store.location() + " cannot be read, so the UTXO set cannot be rebuilt: height"
                    + (unreadable.size() == 1 ? " " : "s ") + String.join(", ", unreadable.subList(0,
                            Math.min(unreadable.size(), SHOWN_UNREADABLE)))
                    + (unreadable.size() > SHOWN_UNREADABLE ? " and " + (unreadable.size() - SHOWN_UNREADABLE) + " more" : "")
                    + ". First error: " + firstFailure + ". The store is damaged: move the chain/ directory away "
                    + "(keep wallet.json, wallet.password and api.token) and start the node: it downloads the chain "
                    + "again from its peers");
        }
        NavigableMap<byte[], byte[]> rebuilt = new TreeMap<>(Arrays::compareUnsigned);
        NavigableMap<byte[], byte[]> rebuiltAddress = new TreeMap<>(Arrays::compareUnsigned);
        for (Map.Entry<OutPoint, Coin> e : coins.coins.entrySet()) {
            byte[] value = CoinCodec.encode(e.getValue());
            rebuilt.put(CoinCodec.key(e.getKey()), value);
            AddressIndexKeys.hash160Of(e.getValue().output().scriptPubKey()).ifPresent(h ->
                    rebuiltAddress.put(AddressIndexKeys.unspentKey(h, e.getKey()), value));
        }
        Digest stored = new Digest();
        store.scan(Column.UTXO, new byte[0], stored::add);
        Digest storedAddress = new Digest();
        store.scan(Column.ADDRESS, new byte[] {AddressIndexKeys.UNSPENT}, storedAddress::add);
        Digest fresh = new Digest();
        rebuilt.forEach(fresh::add);
        Digest freshAddress = new Digest();
        rebuiltAddress.forEach(freshAddress::add);
        long height = chain.size() - 1L;
        return new Report(tip, height, stored.hash(), stored.count, fresh.hash(), fresh.count,
                storedAddress.hash().equals(freshAddress.hash()) && storedAddress.count == freshAddress.count);
    }

    private static List<Hash> bestChain(KeyValueStore store, Hash tip, NetworkParams params) {
        List<Hash> chain = new ArrayList<>();
        Hash h = tip;
        while (true) {
            chain.add(h);
            byte[] entry = store.get(Column.HEADERS, h.toBytes());
            if (entry == null) {
                throw new StoreException("header " + h + " of the best chain is missing from " + store.location());
            }
            StoredHeader header = StoredHeader.decode(entry);
            if (header.header().height() == 0) {
                if (!h.equals(params.genesisHash())) {
                    throw new StoreException("the best chain of " + store.location() + " does not start at the "
                            + params.name() + " genesis block");
                }
                break;
            }
            h = header.header().prevHash();
        }
        Collections.reverse(chain);
        return chain;
    }

    /** SHA-256 over key || value of entries fed in key order. */
    private static final class Digest {
        private final MessageDigest sha = Sha256.newDigest();
        private long count;

        boolean add(byte[] key, byte[] value) {
            sha.update(key);
            sha.update(value);
            count++;
            return true;
        }

        Hash hash() {
            return Hash.of(sha.digest());
        }
    }

    /** The replay's UTXO set. */
    private static final class MemoryCoins implements CoinStore {
        private final Map<OutPoint, Coin> coins = new HashMap<>();

        @Override
        public Optional<Coin> coin(OutPoint outPoint) {
            return Optional.ofNullable(coins.get(outPoint));
        }

        @Override
        public void put(OutPoint outPoint, Coin coin) {
            coins.put(outPoint, coin);
        }

        @Override
        public void remove(OutPoint outPoint) {
            coins.remove(outPoint);
        }
    }
}
