package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** SetCompact / GetCompact edge cases, with the values Bitcoin Core's arith_uint256 gives. */
class CompactTargetTest {

    private static void decodes(long bits, String hex, boolean negative, boolean overflow) {
        CompactTarget.Decoded d = CompactTarget.decode(bits);
        assertThat(d.target()).as("target of %08x", bits).isEqualTo(new BigInteger(hex, 16));
        assertThat(d.negative()).as("negative of %08x", bits).isEqualTo(negative);
        assertThat(d.overflow()).as("overflow of %08x", bits).isEqualTo(overflow);
    }

    @Test
    void zeroMantissasAndSmallSizes() {
        decodes(0x00000000L, "0", false, false);
        decodes(0x00123456L, "0", false, false);
        decodes(0x01003456L, "0", false, false);
        decodes(0x02000056L, "0", false, false);
        decodes(0x03000000L, "0", false, false);
        decodes(0x04000000L, "0", false, false);
        // the sign bit with a zero mantissa is not negative
        decodes(0x00923456L, "0", false, false);
        decodes(0x01803456L, "0", false, false);
        decodes(0x02800056L, "0", false, false);
        decodes(0x03800000L, "0", false, false);
        decodes(0x04800000L, "0", false, false);
    }

    @Test
    void positiveAndNegativeValues() {
        decodes(0x01123456L, "12", false, false);
        assertThat(CompactTarget.encode(BigInteger.valueOf(0x12))).isEqualTo(0x01120000L);
        decodes(0x01fedcbaL, "7e", true, false);
        assertThat(CompactTarget.encode(BigInteger.valueOf(0x7e), true)).isEqualTo(0x01fe0000L);
        decodes(0x02123456L, "1234", false, false);
        assertThat(CompactTarget.encode(BigInteger.valueOf(0x1234))).isEqualTo(0x02123400L);
        decodes(0x03123456L, "123456", false, false);
        assertThat(CompactTarget.encode(BigInteger.valueOf(0x123456))).isEqualTo(0x03123456L);
        decodes(0x04123456L, "12345600", false, false);
        decodes(0x04923456L, "12345600", true, false);
        assertThat(CompactTarget.encode(new BigInteger("12345600", 16), true)).isEqualTo(0x04923456L);
        // a mantissa with its top bit set moves to the next size
        decodes(0x05009234L, "92340000", false, false);
        assertThat(CompactTarget.encode(new BigInteger("92340000", 16))).isEqualTo(0x05009234L);
        decodes(0x20123456L, "1234560000000000000000000000000000000000000000000000000000000000", false, false);
        assertThat(CompactTarget.encode(CompactTarget.decode(0x20123456L).target())).isEqualTo(0x20123456L);
    }

    @Test
    void overflowOnlyWhenTheValueNoLongerFits256Bits() {
        assertThat(CompactTarget.decode(0xff123456L).overflow()).isTrue();
        assertThat(CompactTarget.decode(0x22000001L).overflow()).isFalse(); // 1 << 248
        assertThat(CompactTarget.decode(0x23000001L).overflow()).isTrue();
        assertThat(CompactTarget.decode(0x220000ffL).overflow()).isFalse();
        assertThat(CompactTarget.decode(0x21000100L).overflow()).isFalse(); // 16 bits << 240
        assertThat(CompactTarget.decode(0x22000100L).overflow()).isTrue();
        assertThat(CompactTarget.decode(0x21010000L).overflow()).isTrue();
        assertThat(CompactTarget.decode(0x20010000L).overflow()).isFalse();
        assertThat(CompactTarget.decode(0xff000000L).overflow()).isFalse(); // zero never overflows
    }

    @Test
    void toTargetRefusesUnusableBits() {
        assertThatThrownBy(() -> CompactTarget.toTarget(0x04923456L)).hasMessageContaining("04923456");
        assertThatThrownBy(() -> CompactTarget.toTarget(0x00000000L)).hasMessageContaining("not a positive target");
        assertThatThrownBy(() -> CompactTarget.toTarget(0xff123456L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactTarget.encode(BigInteger.ONE.shiftLeft(256))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proofOfWorkComparesTheHashAsALittleEndianNumber() {
        BigInteger limit = CompactTarget.toTarget(0x207fffffL);
        long bits = 0x1f00ffffL; // target 0x0000ffff00..00
        Hash justBelow = Hash.fromDisplayHex("0000ffff" + "00".repeat(28));
        Hash justAbove = Hash.fromDisplayHex("0000ffff" + "00".repeat(27) + "01");
        assertThat(ProofOfWork.check(justBelow, bits, limit)).isTrue();
        assertThat(ProofOfWork.check(justAbove, bits, limit)).isFalse();
        // a target easier than the limit is refused even when the hash meets it
        assertThat(ProofOfWork.check(Hash.ZERO, 0x207fffffL, CompactTarget.toTarget(0x1f00ffffL))).isFalse();
        // negative, zero and overflowing bits never pass
        assertThat(ProofOfWork.check(Hash.ZERO, 0x04923456L, limit)).isFalse();
        assertThat(ProofOfWork.check(Hash.ZERO, 0x00000000L, limit)).isFalse();
        assertThat(ProofOfWork.check(Hash.ZERO, 0xff123456L, limit)).isFalse();
    }

    @Test
    void workAndDifficultyBits() {
        assertThat(ProofOfWork.work(0x207fffffL)).isEqualTo(BigInteger.TWO); // target just under 2^255
        assertThat(ProofOfWork.work(0x04923456L)).isZero();
        assertThat(ProofOfWork.difficultyBits(BigInteger.ONE.shiftLeft(240))).isEqualTo(16.0);
        assertThat(ProofOfWork.difficultyBits(0x1f00ffffL)).isCloseTo(16.000022, within(1e-6));
        assertThat(ProofOfWork.difficultyBits(0x1d00ffffL)).isCloseTo(32.000022, within(1e-6));
        assertThat(ProofOfWork.difficultyBits(BigInteger.ONE.shiftLeft(240).multiply(BigInteger.valueOf(3))))
                .isCloseTo(16 - Math.log(3) / Math.log(2), within(1e-12));
    }
}
