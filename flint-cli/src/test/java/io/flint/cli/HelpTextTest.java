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

    /**
     * picocli formats help texts with String.format: a bare '%' ("5 % of messages lost") made it
     * print a warning on every --help and on every start of a node.
     */
    @Test
    void everyHelpTextFormatsWithoutAPicocliWarning() {
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        // picocli's tracer writes its warnings to System.err; nothing else runs in this test meanwhile
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            render(FlintMain.newCommandLine());
        } finally {
            System.setErr(err);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).as("escape '%' as '%%'")
                .doesNotContain("[picocli WARN]");
    }

    private static void render(CommandLine cmd) {
        cmd.getUsageMessage();
        cmd.getSubcommands().values().forEach(HelpTextTest::render);
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
