package io.flint.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The server side of one server-sent-events response: {@code text/event-stream}, each event
 * written and flushed at once. Data is one line of compact JSON, so it never needs splitting.
 */
final class EventStream {
    private final HttpServletResponse response;
    private OutputStream out;

    EventStream(HttpServletResponse response) {
        this.response = response;
    }

    void open() throws IOException {
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        out = response.getOutputStream();
        response.flushBuffer();
    }

    /** @throws IOException when the client has gone */
    void event(String name, String jsonLine) throws IOException {
        write("event: " + name + "\ndata: " + jsonLine + "\n\n");
    }

    void comment(String text) throws IOException {
        write(": " + text + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
