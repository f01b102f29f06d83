package io.flint.core;

import io.flint.crypto.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bitcoin's Merkle tree over txids: pairs are double-SHA-256'd level by level, an odd level
 * repeats its last hash. Because of that repetition two different transaction lists can have the
 * same root (CVE-2012-2459); {@link Root#mutated()} reports an identical adjacent pair on any
 * level, which a block validator must treat as invalid.
 */
public final class MerkleTree {
    /** The root and whether the list had the duplicate-pair shape of CVE-2012-2459. */
    public record Root(Hash hash, boolean mutated) {}

    private MerkleTree() {}

    /** Root of the txids in order; the zero hash for an empty list, as Bitcoin Core. */
    public static Root root(List<Hash> leaves) {
        if (leaves.isEmpty()) {
            return new Root(Hash.ZERO, false);
        }
        List<byte[]> level = new ArrayList<>(leaves.size() + 1);
        for (Hash h : leaves) {
            level.add(h.toBytes());
        }
        boolean mutated = false;
        while (level.size() > 1) {
            for (int i = 0; i + 1 < level.size(); i += 2) {
                if (Arrays.equals(level.get(i), level.get(i + 1))) {
                    mutated = true;
                }
            }
            if ((level.size() & 1) == 1) {
                level.add(level.get(level.size() - 1));
            }
            List<byte[]> next = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                next.add(Sha256.hashTwice(level.get(i), level.get(i + 1)));
            }
            level = next;
        }
        return new Root(Hash.wrap(level.get(0)), mutated);
    }

    /** Root of a block's transactions (their txids). */
    public static Root rootOf(List<Transaction> transactions) {
        List<Hash> ids = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            ids.add(tx.txid());
        }
        return root(ids);
    }
}
