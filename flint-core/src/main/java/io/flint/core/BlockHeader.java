package io.flint.core;

import io.flint.crypto.Hex;

/**
 * A Flint block header. Canonical form: 84 bytes, in this order, all little-endian, hashes in
 * internal order: version (int32), height (uint32), previous block hash, Merkle root, timestamp
 * (uint32 seconds), bits (uint32 compact target), nonce (uint32). The nonce is last so the first
 * 64 bytes (one SHA-256 block) stay constant while a miner varies it, and the miner can hash them
 * once (a midstate). The block hash is the double SHA-256 of the 84 bytes.
 *
 * <p>Bitcoin's header is 80 bytes: the same fields in the same order without the height.
 */
public record BlockHeader(int version, long height, Hash prevHash, Hash merkleRoot, long timestamp, long bits,
        long nonce) {
    public static final int SIZE = 84;
    /** Offset of the nonce in the serialization. */
    public static final int NONCE_OFFSET = 80;

    public BlockHeader {
        if (prevHash == null || merkleRoot == null) {
            throw new IllegalArgumentException("header hashes must not be null");
        }
        checkUInt32(height, "height");
        checkUInt32(timestamp, "timestamp");
        checkUInt32(bits, "bits");
        checkUInt32(nonce, "nonce");
    }

    private static void checkUInt32(long v, String field) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException("header " + field + " " + v + " is not a uint32");
        }
    }

    /** Decodes exactly 84 bytes. */
    public static BlockHeader parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        BlockHeader h = read(r);
        r.expectEnd("block header");
        return h;
    }

    public static BlockHeader fromHex(String hex) {
        byte[] bytes;
        try {
            bytes = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("block header hex: " + e.getMessage(), "block header hex", 0);
        }
        return parse(bytes);
    }

    public static BlockHeader read(ByteReader r) {
        int version = r.readInt32("header version");
        long height = r.readUInt32("header height");
        Hash prev = r.readHash("header previous hash");
        Hash merkle = r.readHash("header merkle root");
        long time = r.readUInt32("header timestamp");
        long bits = r.readUInt32("header bits");
        long nonce = r.readUInt32("header nonce");
        return new BlockHeader(version, height, prev, merkle, time, bits, nonce);
    }

    public void write(ByteWriter w) {
        w.writeInt32(version).writeUInt32(height).writeHash(prevHash).writeHash(merkleRoot)
                .writeUInt32(timestamp).writeUInt32(bits).writeUInt32(nonce);
    }

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(SIZE);
        write(w);
        return w.toByteArray();
    }

    public String toHex() {
        return Hex.encode(serialize());
    }

    /** Double SHA-256 of the 84-byte serialization. */
    public Hash hash() {
        return Hash.twice(serialize());
    }

    public BlockHeader withNonce(long newNonce) {
        return new BlockHeader(version, height, prevHash, merkleRoot, timestamp, bits, newNonce);
    }
}
