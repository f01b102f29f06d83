package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A number option given something else says so in words, not in Java's type names ("is not a long"). */
class WholeNumbersTest {
    @Test
    void aWordWhereANumberGoesIsNamedAsNotAWholeNumber() {
        CliRun space = CliRun.of("node", "--min-free-space", "abc");
        assertThat(space.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(space.err().lines().findFirst().orElseThrow())
                .isEqualTo("flint node: Invalid value for option '--min-free-space': 'abc' is not a whole number");
        CliRun fanout = CliRun.of("node", "--fanout", "2.5");
        assertThat(fanout.err()).contains("'2.5' is not a whole number").doesNotContain(" int");
        CliRun nodes = CliRun.of("sim", "run", "--nodes", "99999999999");
        assertThat(nodes.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nodes.err()).contains("'99999999999' is too large (-2147483648..2147483647)");
        assertThat(nodes.oneLineError()).isTrue();
    }

    @Test
    void numbersStillParse() {
        assertThat(WholeNumbers.parse(" 42 ", 0, 100)).isEqualTo(42);
        assertThat(WholeNumbers.parse("-7", -10, 10)).isEqualTo(-7);
        assertThat(WholeNumbers.parse("+7", -10, 10)).isEqualTo(7);
    }
}
