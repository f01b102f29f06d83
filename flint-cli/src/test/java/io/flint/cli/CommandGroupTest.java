package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A command group given without one of its commands is an incomplete command line: its usage on
 * stderr and exit 2, the same for every group, where {@code --help} (asked for) is stdout and 0.
 */
class CommandGroupTest {
    @Test
    void aGroupAloneIsAUsageErrorShowingItsCommands() {
        for (List<String> group : List.<List<String>>of(List.of(), List.of("key"), List.of("wallet"), List.of("chain"),
                List.of("cluster"), List.of("tx"), List.of("sim"))) {
            CliRun r = CliRun.of(group.toArray(String[]::new));
            String name = String.join(" ", "flint", String.join(" ", group)).strip();
            assertThat(r.exitCode()).as(name).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).as(name + " stdout").isEmpty();
            assertThat(r.err()).as(name).startsWith(name + ": give one of its commands").contains("Usage: " + name)
                    .contains("Commands:");
        }
    }

    @Test
    void helpOfAGroupIsStillAnAnswer() {
        CliRun r = CliRun.of("key", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: flint key").contains("new").contains("address");
        assertThat(r.err()).isEmpty();
    }
}
