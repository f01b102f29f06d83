package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CompactTargetProperties {

    /** Canonical compact values: size 1..32, mantissa 0x010000..0x7fffff (or shorter for tiny sizes). */
    @Property
    void canonicalCompactValuesRoundTrip(@ForAll @IntRange(min = 3, max = 32) int size,
            @ForAll @LongRange(min = 0x8000, max = 0x7fffff) long mantissa) {
        long bits = ((long) size << 24) | mantissa;
        CompactTarget.Decoded d = CompactTarget.decode(bits);
        assertThat(d.negative()).isFalse();
        assertThat(d.overflow()).isFalse();
        assertThat(CompactTarget.encode(d.target())).isEqualTo(bits);
    }

    @Property
    void encodingATargetLosesOnlyLowBitsAndNeverRoundsUp(@ForAll @IntRange(min = 1, max = 256) int bitLength,
            @ForAll long seed) {
        BigInteger target = BigInteger.ONE.shiftLeft(bitLength - 1).or(BigInteger.valueOf(seed & Long.MAX_VALUE)
                .mod(BigInteger.ONE.shiftLeft(bitLength - 1).max(BigInteger.ONE)));
        BigInteger back = CompactTarget.decode(CompactTarget.encode(target)).target();
        assertThat(back).isLessThanOrEqualTo(target);
        // the compact form keeps the top 23-24 significant bits
        assertThat(target.subtract(back)).isLessThan(BigInteger.ONE.shiftLeft(Math.max(0, bitLength - 15)));
        assertThat(CompactTarget.encode(back)).isEqualTo(CompactTarget.encode(target));
    }
}
