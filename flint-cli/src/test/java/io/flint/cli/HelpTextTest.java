package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command's first description line is what its parent's {@code --help} lists it by, so it
 * must be a whole sentence on its own, not the start of one cut off mid-way.
 */
class HelpTextTest {
    @Test
    void everyCommandIsListedByACompleteSentence() {
        List<String> cut = new ArrayList<>();
        collect(FlintMain.newCommandLine(), cut);
        assertThat(cut).as("commands whose summary line ends mid-sentence").isEmpty();
    }

    private static void collect(CommandLine cmd, List<String> cut) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (description.length > 0 && !sub.getCommandName().equals("help")) {
                String first = description[0].strip();
                if (!(first.endsWith(".") || first.endsWith(")") || first.endsWith("!"))) {
                    cut.add(sub.getCommandSpec().qualifiedName() + ": " + first);
                }
            }
            collect(sub, cut);
        }
    }
}
