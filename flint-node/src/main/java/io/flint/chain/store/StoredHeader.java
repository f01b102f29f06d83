package io.flint.chain.store;

import io.flint.core.BlockHeader;
import io.flint.core.ByteReader;
import io.flint.core.ByteWriter;
import java.math.BigInteger;

/**
 * A header-index entry as the HEADERS column keeps it under the block hash: the 84-byte header
 * (which carries the height), the cumulative work of its chain and a status byte.
 *
 * @param status bit {@link #HAVE_DATA}: the block itself is in BLOCKS; bit {@link #FAILED}: the
 *     block or an ancestor broke a rule
 */
public record StoredHeader(BlockHeader header, BigInteger chainWork, int status) {
    public static final int HAVE_DATA = 1;
    public static final int FAILED = 2;

    public StoredHeader {
        if (header == null || chainWork == null || chainWork.signum() < 0) {
            throw new IllegalArgumentException("a header entry needs a header and non-negative work");
        }
    }

    public byte[] encode() {
        byte[] work = chainWork.toByteArray();
        ByteWriter w = new ByteWriter(BlockHeader.SIZE + 2 + work.length);
        header.write(w);
        w.writeVarBytes(work);
        w.writeUInt8(status);
        return w.toByteArray();
    }

    public static StoredHeader decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        BlockHeader header = BlockHeader.read(r);
        BigInteger work = new BigInteger(r.readVarBytes("chain work"));
        int status = r.readUInt8("header status");
        r.expectEnd("header entry");
        return new StoredHeader(header, work, status);
    }
}
