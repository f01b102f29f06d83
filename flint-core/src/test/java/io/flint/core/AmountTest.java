package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AmountTest {

    @Test
    void parsesDecimalCoinStrings() {
        assertThat(Amount.parse("1.5").units()).isEqualTo(150_000_000L);
        assertThat(Amount.parse("0.00000001").units()).isEqualTo(1);
        assertThat(Amount.parse("21000000").units()).isEqualTo(Amount.MAX_MONEY_UNITS);
        assertThat(Amount.parse(".5").units()).isEqualTo(50_000_000L);
        assertThat(Amount.parse("2.").units()).isEqualTo(200_000_000L);
        assertThat(Amount.parse("0").isZero()).isTrue();
    }

    @Test
    void parseErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> Amount.parse("")).hasMessage("amount is empty");
        assertThatThrownBy(() -> Amount.parse("-1")).hasMessageContaining("'-' at position 0");
        assertThatThrownBy(() -> Amount.parse("1e5")).hasMessageContaining("'e' at position 1");
        assertThatThrownBy(() -> Amount.parse("1.2.3")).hasMessageContaining("'.' at position 3");
        assertThatThrownBy(() -> Amount.parse("0.000000001")).hasMessageContaining("9 decimals");
        assertThatThrownBy(() -> Amount.parse("21000000.00000001")).hasMessageContaining("exceeds the 21000000");
        assertThatThrownBy(() -> Amount.parse(".")).hasMessageContaining("no digits");
    }

    @Test
    void formatsShortest() {
        assertThat(Amount.parse("1.50000000").toCoinString()).isEqualTo("1.5");
        assertThat(Amount.ofCoins(50).toString()).isEqualTo("50");
        assertThat(Amount.ofUnits(1).toString()).isEqualTo("0.00000001");
        assertThat(Amount.ZERO.toString()).isEqualTo("0");
    }

    @Test
    void arithmeticThrowsOutsideTheMoneyRange() {
        assertThat(Amount.ofCoins(1).add(Amount.ofUnits(5)).units()).isEqualTo(100_000_005L);
        assertThatThrownBy(() -> Amount.MAX_MONEY.add(Amount.ofUnits(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amount.ZERO.subtract(Amount.ofUnits(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amount.ONE_COIN.multiply(21_000_001)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amount.ONE_COIN.multiply(Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amount.ofUnits(-1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amount.ofCoins(21_000_001)).isInstanceOf(ArithmeticException.class);
    }
}
