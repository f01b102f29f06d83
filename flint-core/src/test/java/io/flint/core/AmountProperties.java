package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class AmountProperties {
    private static final BigInteger MAX = BigInteger.valueOf(Amount.MAX_MONEY_UNITS);

    @Property
    void addEitherGivesTheExactSumOrThrows(@ForAll @LongRange(min = 0, max = Amount.MAX_MONEY_UNITS) long a,
            @ForAll @LongRange(min = 0, max = Amount.MAX_MONEY_UNITS) long b) {
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        if (exact.compareTo(MAX) <= 0) {
            assertThat(Amount.ofUnits(a).add(Amount.ofUnits(b)).units()).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> Amount.ofUnits(a).add(Amount.ofUnits(b))).isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void subtractEitherGivesTheExactDifferenceOrThrows(
            @ForAll @LongRange(min = 0, max = Amount.MAX_MONEY_UNITS) long a,
            @ForAll @LongRange(min = 0, max = Amount.MAX_MONEY_UNITS) long b) {
        if (a >= b) {
            assertThat(Amount.ofUnits(a).subtract(Amount.ofUnits(b)).units()).isEqualTo(a - b);
        } else {
            assertThatThrownBy(() -> Amount.ofUnits(a).subtract(Amount.ofUnits(b)))
                    .isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void multiplyEitherGivesTheExactProductOrThrows(@ForAll @LongRange(min = 0, max = Amount.MAX_MONEY_UNITS) long a,
            @ForAll long factor) {
        BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(factor));
        if (exact.signum() >= 0 && exact.compareTo(MAX) <= 0) {
            assertThat(Amount.ofUnits(a).multiply(factor).units()).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> Amount.ofUnits(a).multiply(factor)).isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = Amount.MAX_MONEY_UNITS) long units) {
        Amount a = Amount.ofUnits(units);
        assertThat(Amount.parse(a.toCoinString())).isEqualTo(a);
    }
}
