package io.flint.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The server side of one server-sent-events response: {@code text/event-stream}, each event
 * written and flushed at once. Data is one line of compact JSON, so it never needs splitting.
 *
 * <p>A client that goes away is noticed when its connection closes ({@link #onClientGone}), not
 * only at the next write: an idle stream writes once a heartbeat, and until a write failed its
 * slot would stay taken.
 */
final class EventStream {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private OutputStream out;

    EventStream(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    void open() throws IOException {
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        // what the client sends while the stream is open is read (and dropped) to see it close:
        // the connection cannot carry another request after it
        response.setHeader("Connection", "close");
        out = response.getOutputStream();
        response.flushBuffer();
    }

    /**
     * Runs {@code gone} (once, on a Jetty thread) when the client closes its connection. The
     * request of an event stream has no body, so the connection is otherwise not read while the
     * stream is open and Jetty would not see the close.
     */
    void onClientGone(Runnable gone) {
        EndPoint endPoint = Request.getBaseRequest(request).getHttpChannel().getEndPoint();
        watch(endPoint, gone);
    }

    private static void watch(EndPoint endPoint, Runnable gone) {
        endPoint.tryFillInterested(Callback.from(() -> {
            ByteBuffer sink = BufferUtil.allocate(512);
            try {
                int read;
                do {
                    BufferUtil.clear(sink);
                    read = endPoint.fill(sink);
                } while (read > 0);
                if (read < 0) {
                    gone.run();
                } else {
                    watch(endPoint, gone);
                }
            } catch (IOException e) {
                gone.run();
            }
        }, failure -> gone.run()));
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
