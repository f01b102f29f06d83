package io.flint.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import io.flint.node.config.IoReason;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-level} and {@code --log-file} of {@code flint node}, applied to Logback over what
 * logback.xml set up (level from {@code FLINT_LOG_LEVEL}, stderr). One line per event: the file
 * gets the same lines as stderr, with the date.
 */
final class LogSettings {
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%replace(%replace( %ex{short}){'[\\r\\n\\t]+', ' '}){'\\s+$', ''}%nopex%n";

    private LogSettings() {}

    /**
     * @param level TRACE, DEBUG, INFO, WARN, ERROR or OFF (any case) for Flint's own loggers, or
     *     null to keep logback.xml's
     * @param file a file to log to as well, or null
     */
    static void apply(String level, Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend: it has its own configuration
        }
        if (level != null) {
            String name = level.strip().toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(name)) {
                throw new UserError("--log-level must be one of " + String.join(", ", LEVELS) + ", not '" + level + "'",
                        ExitCodes.USAGE);
            }
            context.getLogger("io.flint").setLevel(Level.toLevel(name));
        }
        if (file != null) {
            checkWritable(file);
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern(FILE_PATTERN);
            encoder.start();
            FileAppender<ILoggingEvent> appender = new FileAppender<>();
            appender.setContext(context);
            appender.setName("FILE");
            appender.setFile(file.toAbsolutePath().toString());
            appender.setAppend(true);
            appender.setEncoder(encoder);
            appender.start();
            if (!appender.isStarted()) {
                throw new UserError("cannot write the log file " + file);
            }
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        }
    }

    /**
     * {@code message} as an ERROR line of {@code --log-file} alone (nothing when there is none):
     * for what the command also prints on stderr as its one-line error, such as why a node did not
     * start. A supervised node's stderr may go nowhere, and an empty log file says nothing.
     */
    static void toFileOnly(Class<?> source, String message) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Appender<ILoggingEvent> file = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("FILE");
        if (file != null) {
            file.doAppend(new LoggingEvent(LogSettings.class.getName(), context.getLogger(source), Level.ERROR, message,
                    null, null));
        }
    }

    /**
     * Opens {@code file} for appending as the appender will (creating missing directories, as it
     * does), so that a file that cannot be written is named with the reason: Logback only says
     * that it failed.
     */
    private static void checkWritable(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            if (directory != null) {
                Files.createDirectories(directory);
            }
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        } catch (FileAlreadyExistsException e) {
            throw new UserError("cannot write the log file " + file + ": " + e.getFile() + " is a file, not a directory");
        } catch (NoSuchFileException e) {
            // the directory is there, yet its file system makes no file in it (/proc)
            String why = directory != null && Files.isDirectory(directory)
                    ? "its directory " + directory + " does not let a file be created in it (no such file)"
                    : IoReason.of(e);
            throw new UserError("cannot write the log file " + file + ": " + why);
        } catch (IOException e) {
            throw new UserError("cannot write the log file " + file + ": " + IoReason.of(e));
        }
    }
}
