package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flint.crypto.Hex;
import org.junit.jupiter.api.Test;

class ByteReaderTest {

    @Test
    void readsLittleEndianIntegers() {
        ByteReader r = new ByteReader(Hex.decode("0100ffffffff0807060504030201"));
        assertThat(r.readUInt16("a")).isEqualTo(1);
        assertThat(r.readUInt32("b")).isEqualTo(0xffff_ffffL);
        assertThat(r.readInt64("c")).isEqualTo(0x0102030405060708L);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void compactSizeRoundTripsAtEveryEncodingBoundary() {
        long[] values = {0, 1, 0xfc, 0xfd, 0xffff, 0x1_0000, 0x0200_0000};
        for (long v : values) {
            byte[] enc = new ByteWriter().writeCompactSize(v).toByteArray();
            assertThat(enc).hasSize(ByteWriter.compactSizeLength(v));
            assertThat(new ByteReader(enc).readCompactSize("n")).isEqualTo(v);
        }
    }

    @Test
    void nonCanonicalCompactSizeIsRejectedWithOffset() {
        // 0xfd followed by 0x00fc: 252 fits in one byte, so Bitcoin refuses the 3-byte form
        ByteReader r = new ByteReader(Hex.decode("00fdfc00"));
        r.readUInt8("pad");
        assertThatThrownBy(() -> r.readCompactSize("input count"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("non-canonical CompactSize 252 for input count at offset 1");
        assertThatThrownBy(() -> new ByteReader(Hex.decode("feffff0000")).readCompactSize("n"))
                .hasMessageContaining("non-canonical CompactSize 65535");
        assertThatThrownBy(() -> new ByteReader(Hex.decode("ffffffffff00000000")).readCompactSize("n"))
                .hasMessageContaining("non-canonical");
    }

    @Test
    void absurdCompactSizeIsRejectedBeforeAnyAllocation() {
        // 2^60: a peer's count like this must fail on the number, not on memory
        byte[] huge = Hex.decode("ff0000000000000010");
        assertThatThrownBy(() -> new ByteReader(huge).readCompactSize("output count"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("CompactSize 1152921504606846976 for output count at offset 0 exceeds the limit 33554432");
        byte[] negative = Hex.decode("ffffffffffffffffff");
        assertThatThrownBy(() -> new ByteReader(negative).readCompactSize("n"))
                .hasMessageContaining("18446744073709551615");
    }

    @Test
    void countLargerThanTheRemainingInputCouldHoldIsRejected() {
        // 1000 inputs of at least 41 bytes each cannot fit in 3 bytes
        ByteReader r = new ByteReader(Hex.decode("fde803aabbcc"));
        assertThatThrownBy(() -> r.readCount(41, "input count"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("truncated: input count 1000 at offset 0 needs at least 41000 more bytes, only 3 left");
    }

    @Test
    void truncationNamesFieldOffsetAndShortfall() {
        ByteReader r = new ByteReader(Hex.decode("01020304050607"));
        r.readInt32("version");
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> r.readInt64("output value"));
        assertThat(e).hasMessage("truncated: needed 8 bytes for output value at offset 4, only 3 left");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.field()).isEqualTo("output value");
    }

    @Test
    void varBytesLongerThanTheInputFailWithoutAllocating() {
        ByteReader r = new ByteReader(Hex.decode("fe00000002" + "00"));
        assertThatThrownBy(() -> r.readVarBytes("scriptSig"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("truncated: needed 33554432 bytes for scriptSig at offset 5 (length at offset 0), only 1 left");
    }

    @Test
    void expectEndReportsTrailingBytes() {
        ByteReader r = new ByteReader(new byte[5]);
        r.readInt32("x");
        assertThatThrownBy(() -> r.expectEnd("transaction"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("1 trailing byte after transaction at offset 4");
    }
}
