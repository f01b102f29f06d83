package io.flint.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM, SIGINT (Ctrl-C) and SIGHUP (the terminal closed) as a request to stop. The JVM's own
 * handling runs shutdown hooks and then exits with 128 + the signal number; handling the signals
 * here instead lets a command stop its work on its main thread and exit 0, as a clean stop should.
 * A SIGHUP that {@code nohup} ignores stays ignored: the JVM installs no handler over it.
 */
final class StopSignals {
    private static final List<String> NAMES = List.of("TERM", "INT", "HUP");

    private StopSignals() {}

    /**
     * {@code stop} gets the signal's name (SIGTERM). Returns false where the signals cannot be
     * handled (then shutdown hooks are all there is).
     */
    static boolean onStop(Consumer<String> stop) {
        return install(stop).isPresent();
    }

    /**
     * {@code stop} handles the signals until the returned handle is closed, which puts back the
     * handlers there were: for one step of a command that must not be cut off half-way.
     */
    static Scope during(Runnable stop) {
        Map<Signal, SignalHandler> before = install(name -> stop.run()).orElse(Map.of());
        return () -> before.forEach(Signal::handle);
    }

    /** The handlers {@link #during} replaced, put back on close. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static Optional<Map<Signal, SignalHandler>> install(Consumer<String> stop) {
        Map<Signal, SignalHandler> before = new LinkedHashMap<>();
        try {
            for (String name : NAMES) {
                Signal signal = new Signal(name);
                before.put(signal, Signal.handle(signal, s -> stop.accept("SIG" + s.getName())));
            }
            return Optional.of(before);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            before.forEach(Signal::handle);
            return Optional.empty();
        }
    }
}
