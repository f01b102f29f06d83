package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.crypto.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockTest {
    private static final BlockHeader HEADER = new BlockHeader(0x01020304, 7, Hash.fromHex("11".repeat(32)),
            Hash.fromHex("22".repeat(32)), 0x0a0b0c0dL, 0x1f00ffffL, 0xdeadbeefL);

    @Test
    void headerIs84LittleEndianBytesWithTheNonceLast() {
        byte[] b = HEADER.serialize();
        assertThat(b).hasSize(BlockHeader.SIZE);
        assertThat(Hex.encode(b)).isEqualTo("04030201" + "07000000" + "11".repeat(32) + "22".repeat(32) + "0d0c0b0a"
                + "ffff001f" + "efbeadde");
        assertThat(Arrays.copyOfRange(b, BlockHeader.NONCE_OFFSET, 84)).isEqualTo(Hex.decode("efbeadde"));
        // changing the nonce leaves the first 64 bytes (the miner's midstate) alone
        byte[] other = HEADER.withNonce(1).serialize();
        assertThat(Arrays.copyOf(other, 64)).isEqualTo(Arrays.copyOf(b, 64));
        assertThat(HEADER.hash()).isEqualTo(Hash.twice(b));
        assertThat(BlockHeader.parse(b)).isEqualTo(HEADER);
        assertThat(BlockHeader.fromHex(HEADER.toHex())).isEqualTo(HEADER);
    }

    @Test
    void headerDecodeErrorsNameTheField() {
        byte[] b = HEADER.serialize();
        assertThatThrownBy(() -> BlockHeader.parse(Arrays.copyOf(b, 82))).isInstanceOf(DecodeException.class)
                .hasMessage("truncated: needed 4 bytes for header nonce at offset 80, only 2 left");
        assertThatThrownBy(() -> BlockHeader.parse(Arrays.copyOf(b, 40)))
                .hasMessage("truncated: needed 32 bytes for header merkle root at offset 40, only 0 left")
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> BlockHeader.parse(Arrays.copyOf(b, 85)))
                .hasMessage("1 trailing byte after block header at offset 84");
        assertThatThrownBy(() -> new BlockHeader(1, -1, Hash.ZERO, Hash.ZERO, 0, 0, 0)).hasMessageContaining("height");
    }

    @Test
    void blockRoundTripsAndReportsSize() {
        Transaction tx = TransactionTest.sample();
        Block block = new Block(HEADER, List.of(tx, tx.withScriptSig(0, io.flint.core.script.Script.EMPTY)));
        byte[] bytes = block.serialize();
        assertThat(block.size()).isEqualTo(bytes.length).isEqualTo(84 + 1 + tx.size() + tx.size() - 2);
        assertThat(Block.parse(bytes)).isEqualTo(block);
        assertThat(Block.fromHex(block.toHex()).hash()).isEqualTo(HEADER.hash());
        assertThat(block.height()).isEqualTo(7);
    }

    @Test
    void blockDecodeErrors() {
        Block block = new Block(HEADER, List.of(TransactionTest.sample()));
        byte[] bytes = block.serialize();
        assertThatThrownBy(() -> Block.parse(Arrays.copyOf(bytes, bytes.length + 1)))
                .hasMessage("1 trailing byte after block at offset " + bytes.length);
        // the transaction starts at 85; its lock time is at 85 + 83
        assertThatThrownBy(() -> Block.parse(Arrays.copyOf(bytes, bytes.length - 1)))
                .hasMessage("truncated: needed 4 bytes for lock time at offset 168, only 3 left");
        byte[] absurd = Arrays.copyOf(bytes, 84 + 9);
        System.arraycopy(Hex.decode("ff0000000000000010"), 0, absurd, 84, 9);
        assertThatThrownBy(() -> Block.parse(absurd)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("for transaction count at offset 84 exceeds the limit");
        byte[] tooMany = Arrays.copyOf(bytes, bytes.length);
        tooMany[84] = 100; // 100 transactions of at least 10 bytes cannot fit in 88 bytes
        assertThatThrownBy(() -> Block.parse(tooMany))
                .hasMessage("truncated: transaction count 100 at offset 84 needs at least 1000 more bytes, only 87 left");
    }
}
