package io.flint.cli;

import java.io.IOException;
import java.net.ServerSocket;

/** A local port nothing listens on right now, for a node (or a refused connection) in a test. */
final class FreePort {
    private FreePort() {}

    static int any() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
