package io.flint.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one server-sent-events response: {@code text/event-stream}, each event
 * written and flushed at once. Data is one line of compact JSON, so it never needs splitting.
 *
 * <p>A client that goes away is noticed when its connection closes ({@link #onClientGone}), not
 * only at the next write: an idle stream writes once a heartbeat, and until a write failed its
 * slot would stay taken.
 */
final class EventStream {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    /** The longest a stream ending waits for Jetty to withdraw its pending read. */
    private static final Duration READ_WITHDRAWAL = Duration.ofSeconds(2);
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private OutputStream out;
    private EndPoint endPoint;
    /**
     * Set by {@link #end()}: the watch for the client leaving is not renewed. Set and read under
     * this stream's lock, as {@link #pendingRead} is replaced: a renewal racing the end either
     * comes before it (and is awaited) or sees it (and registers nothing).
     */
    private boolean ended;
    /** Counted down when the read the watch registered is over (data, end of stream or withdrawn). */
    private CountDownLatch pendingRead = new CountDownLatch(0);

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
        endPoint = Request.getBaseRequest(request).getHttpChannel().getEndPoint();
        watch(endPoint, gone);
    }

    /**
     * Ends the stream from this side (the node stops, or the client went away): the response is
     * completed and the connection, announced with {@code Connection: close}, closed, which also
     * withdraws the read {@link #onClientGone} left pending. Left pending, Jetty would take it for
     * a broken request once the response completes, abort the connection and log a warning.
     */
    void end() {
        CountDownLatch lastRead;
        synchronized (this) {
            ended = true;
            lastRead = pendingRead;
        }
        if (endPoint == null) {
            return;
        }
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // the client is gone: nothing left to complete
        }
        endPoint.close();
        // the close withdraws the pending read at once, or (under load) a moment later on Jetty's
        // selector thread: Jetty looks for it as soon as this request returns, so wait for that
        try {
            if (!lastRead.await(READ_WITHDRAWAL.toMillis(), TimeUnit.MILLISECONDS)) {
                log.debug("the read watching an event stream's client was not withdrawn within {}", READ_WITHDRAWAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void watch(EndPoint endPoint, Runnable gone) {
        if (ended) {
            return;
        }
        CountDownLatch registered = new CountDownLatch(1);
        pendingRead = registered;
        boolean registeredNow = endPoint.tryFillInterested(Callback.from(() -> {
            registered.countDown();
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
        }, failure -> {
            registered.countDown();
            gone.run();
        }));
        if (!registeredNow) {
            // a read was pending already (not this watch's): nothing of ours to wait for
            registered.countDown();
        }
    }

    /** @throws IOException when the client has gone */
    void event(String name, String jsonLine) throws IOException {
        write("event: " + name + "\ndata: " + jsonLine + "\n\n");
    }

    /** With the event's number as its SSE id (a browser's EventSource keeps it as lastEventId). */
    void event(String name, long id, String jsonLine) throws IOException {
        write("id: " + id + "\nevent: " + name + "\ndata: " + jsonLine + "\n\n");
    }

    void comment(String text) throws IOException {
        write(": " + text + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
