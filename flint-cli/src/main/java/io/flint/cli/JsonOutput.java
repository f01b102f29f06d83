package io.flint.cli;

import picocli.CommandLine.Option;

/** {@code --json}: the command's answer as JSON, for scripts, instead of lines for a person. */
final class JsonOutput {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean on;
}
