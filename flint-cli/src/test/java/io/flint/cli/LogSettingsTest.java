package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code flint node --log-level/--log-file}: the level of Flint's loggers and a file of one line per event. */
class LogSettingsTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private Level before;

    @TempDir
    Path dir;

    @BeforeEach
    void remember() {
        before = context.getLogger("io.flint").getLevel();
    }

    @AfterEach
    void restore() {
        context.getLogger("io.flint").setLevel(before);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var file = root.getAppender("FILE");
        if (file != null) {
            root.detachAppender(file);
            file.stop();
        }
    }

    @Test
    void theLevelAndTheFileApplyToFlintsLoggers() throws IOException {
        Path log = dir.resolve("node.log");
        LogSettings.apply("debug", log);
        Logger flint = LoggerFactory.getLogger("io.flint.node.FlintNode");

        flint.debug("tx {} accepted from peer {}", "ab12", "5001");
        flint.trace("not at this level");
        flint.warn("own mined block rejected", new IllegalStateException("line one\nline two"));

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG .* FlintNode - tx ab12 accepted from peer 5001");
        // an exception stays on its event's line
        assertThat(lines.get(1)).contains("WARN", "own mined block rejected", "IllegalStateException", "line one");
    }

    /** A supervised node's stderr may go nowhere: why it did not start is in its log file too (operator tester). */
    @Test
    void aNodeThatCannotStartSaysWhyInItsLogFile() throws IOException {
        Path log = dir.resolve("node.log");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("node", "--id", "x", "--network", "regtest", "--ip", "127.0.0.1", "--port",
                    String.valueOf(taken.getLocalPort()), "--api-port", "0", "--data-dir", dir.resolve("data").toString(),
                    "--log-file", log.toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err().strip().lines()).as("stderr keeps its one line").hasSize(1);
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\\d{4}-.* ERROR .* NodeCommand - node x cannot start: its P2P port 127\\.0\\.0\\.1:"
                + "[0-9]+ is in use.*");
    }

    @Test
    void theShippedConfigurationParsesWithoutErrors() throws Exception {
        LoggerContext fresh = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(fresh);
        configurator.doConfigure(LogSettings.class.getResource("/logback.xml"));
        assertThat(new StatusUtil(fresh).getHighestLevel(0)).as(fresh.getStatusManager().getCopyOfStatusList().toString())
                .isLessThan(Status.WARN);
        assertThat(fresh.getLogger("io.flint").getLevel()).isEqualTo(Level.INFO);
        assertThat(fresh.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void aLogFileThatCannotBeWrittenIsNamedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "");
        assertThatThrownBy(() -> LogSettings.apply(null, file.resolve("node.log")))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot write the log file " + file.resolve("node.log") + ": " + file
                        + " is a file, not a directory");
        assertThatThrownBy(() -> LogSettings.apply(null, dir))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot write the log file " + dir + ": Is a directory");
        // the directory exists, the file system does not take the file: the reason, not a guess
        Path proc = Path.of("/proc/flint-log-test.log");
        if (Files.isDirectory(proc.getParent())) {
            assertThatThrownBy(() -> LogSettings.apply(null, proc))
                    .isInstanceOf(UserError.class)
                    .hasMessageStartingWith("cannot write the log file " + proc + ": ")
                    .message().doesNotContain("does its directory exist");
        }
        // missing directories are made, as the appender makes them
        Path nested = dir.resolve("logs/sub/node.log");
        LogSettings.apply(null, nested);
        assertThat(nested).exists();
    }

    @Test
    void anUnknownLevelIsAUsageError() {
        assertThatThrownBy(() -> LogSettings.apply("LOUD", null))
                .isInstanceOf(UserError.class)
                .hasMessage("--log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, not 'LOUD'")
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }
}
