package io.flint.deploy;

import io.flint.cli.FlintMain;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * What {@code flint node} accepts, asked of the command itself (its picocli model), so that the
 * deployment files are checked against the binary rather than against a copy of its options.
 */
final class NodeOptions {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");

    private NodeOptions() {}

    static CommandSpec spec() {
        return FlintMain.newCommandLine().getSubcommands().get("node").getCommandSpec();
    }

    /** The node command's model with ${env:...} defaults left as written. */
    private static CommandSpec raw() {
        CommandSpec spec = spec();
        spec.interpolateVariables(false);
        return spec;
    }

    /** Every option name, e.g. --id, --config, -h. */
    static Set<String> names() {
        Set<String> out = new TreeSet<>();
        for (OptionSpec o : spec().options()) {
            out.addAll(List.of(o.names()));
        }
        return out;
    }

    /** The environment variables the options take their defaults from (FLINT_ID, PEER_NODES, ...). */
    static Set<String> environment() {
        Set<String> out = new TreeSet<>();
        for (OptionSpec o : raw().options()) {
            String raw = o.defaultValue();
            if (raw != null) {
                Matcher m = ENV.matcher(raw);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /**
     * Environment variables the binary's logging configuration (logback.xml in the jar) reads,
     * e.g. FLINT_LOG_LEVEL.
     */
    static Set<String> loggingEnvironment() {
        Set<String> out = new TreeSet<>();
        try (var in = FlintMain.class.getClassLoader().getResourceAsStream("logback.xml")) {
            if (in == null) {
                return out;
            }
            Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                out.add(m.group(1));
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read the jar's logback.xml", e);
        }
        return out;
    }

    /** The option that reads {@code variable} (e.g. --peers for PEER_NODES). */
    static OptionSpec optionReading(String variable) {
        for (OptionSpec o : raw().options()) {
            String raw = o.defaultValue();
            if (raw != null && raw.contains("${env:" + variable)) {
                return o;
            }
        }
        throw new AssertionError("no option of flint node reads " + variable);
    }

    /**
     * Parses a flint command line ({@code node --id ...}, as a container's args give it) as the
     * binary does: unknown options, missing values and wrong types fail, naming the problem.
     *
     * @return the {@code node} subcommand's parse result
     */
    static ParseResult parse(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("node")) {
            throw new AssertionError("not a 'flint node' command line: " + args);
        }
        CommandLine cli = FlintMain.newCommandLine();
        try {
            return cli.parseArgs(args.toArray(String[]::new)).subcommand();
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("flint node does not accept " + args + ": " + e.getMessage(), e);
        }
    }
}
