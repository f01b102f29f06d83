package io.flint.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop. The JVM's own handling runs shutdown hooks
 * and then exits with 128 + the signal number; handling the signals here instead lets a command
 * stop its work on its main thread and exit 0, as a clean stop should.
 */
final class StopSignals {
    private StopSignals() {}

    /** Returns false where the signals cannot be handled (then shutdown hooks are all there is). */
    static boolean onStop(Runnable stop) {
        try {
            for (String name : List.of("TERM", "INT")) {
                Signal.handle(new Signal(name), signal -> stop.run());
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }
}
