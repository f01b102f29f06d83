package io.flint.p2p;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What a class logs while a test runs, for tests of what an operator reads in the log. Close it
 * (try-with-resources) so later tests do not collect lines into it. Read under the appender's
 * lock, which it adds under ({@code AppenderBase.doAppend}): a real node logs from its own threads.
 */
public final class LogLines implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level level;

    public LogLines(Class<?> source) {
        this(source.getName());
    }

    /** For a class this test cannot name (package-private elsewhere). */
    public LogLines(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        level = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
    }

    /** Collects DEBUG lines too (the test configuration logs INFO and up) until closed. */
    public LogLines withDebug() {
        logger.setLevel(Level.DEBUG);
        return this;
    }

    /** The messages logged at {@code level} so far that contain {@code text}, in order. */
    public List<String> at(Level level, String text) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(text)).toList();
        }
    }

    /** The messages logged at any level so far that contain {@code text}. */
    public List<String> containing(String text) {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text)).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }
}
