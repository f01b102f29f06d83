package io.flint.core;

import io.flint.crypto.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * A block: header, then a CompactSize count and the transactions. Immutable; hash and size are
 * computed at construction. Any block that decodes is representable (a peer's block may be
 * invalid); validation is separate.
 */
public final class Block {
    private final BlockHeader header;
    private final List<Transaction> transactions;
    private final Hash hash;
    private final int size;

    public Block(BlockHeader header, List<Transaction> transactions) {
        this.header = header;
        this.transactions = List.copyOf(transactions);
        this.hash = header.hash();
        int n = BlockHeader.SIZE + ByteWriter.compactSizeLength(this.transactions.size());
        for (Transaction tx : this.transactions) {
            n += tx.size();
        }
        this.size = n;
    }

    /** Decodes exactly one block; trailing bytes are an error. */
    public static Block parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        Block b = read(r);
        r.expectEnd("block");
        return b;
    }

    public static Block fromHex(String hex) {
        byte[] bytes;
        try {
            bytes = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("block hex: " + e.getMessage(), "block hex", 0);
        }
        return parse(bytes);
    }

    public static Block read(ByteReader r) {
        BlockHeader header = BlockHeader.read(r);
        int n = r.readCount(Transaction.MIN_SIZE, "transaction count");
        List<Transaction> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            txs.add(Transaction.read(r));
        }
        return new Block(header, txs);
    }

    public void write(ByteWriter w) {
        header.write(w);
        w.writeCompactSize(transactions.size());
        for (Transaction tx : transactions) {
            tx.write(w);
        }
    }

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(size);
        write(w);
        return w.toByteArray();
    }

    public String toHex() {
        return Hex.encode(serialize());
    }

    public BlockHeader header() {
        return header;
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    /** The header's hash. */
    public Hash hash() {
        return hash;
    }

    public long height() {
        return header.height();
    }

    /** Serialized size in bytes. */
    public int size() {
        return size;
    }

    /** Merkle root of the transactions as they are (compare with the header's to validate). */
    public MerkleTree.Root computeMerkleRoot() {
        return MerkleTree.rootOf(transactions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && b.hash.equals(hash) && b.header.equals(header)
                && b.transactions.equals(transactions);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Block{height=" + header.height() + ", hash=" + hash + ", txs=" + transactions.size() + ", size=" + size
                + "}";
    }
}
