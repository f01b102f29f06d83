package io.flint.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.chain.ChainTip;
import io.flint.chain.HeaderInfo;
import io.flint.node.FlintNode;
import io.flint.node.NodeEvent;
import io.javalin.Javalin;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: server-sent events from the node's {@link io.flint.node.NodeEvents}, one
 * event per message ({@code event: KIND}, {@code data: JSON}): block, block-disconnected, tx,
 * tx-removed, header, peer-joined, peer-left, peer-unreachable, peer-alive, ban, handover. A {@code hello} event with the tip
 * comes first; an idle stream gets a {@code : heartbeat} comment now and then. A client that closes
 * its connection frees its place at once (its stream's thread is woken), so clients that reconnect
 * quickly are not refused for streams nobody reads.
 *
 * <p>The node publishes on its event loop and must never wait for a watcher: each client has a
 * bounded queue that the publisher only offers to. A client too slow to keep up misses events,
 * and is told how many with an {@code overflow} event ({"dropped": N}) before the next one, so a
 * dashboard knows to reload.
 */
final class EventsApi implements ApiRoutes, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventsApi.class);
    /** Ends a stream: the node stops, or the client went away. */
    private static final NodeEvent CLOSE = NodeEvent.unnumbered("close", Map.of());
    static final String PATH = "/events";

    private final FlintNode node;
    private final ObjectMapper mapper;
    private final ApiOptions options;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EventsApi(FlintNode node, ObjectMapper mapper, ApiOptions options) {
        this.node = node;
        this.mapper = mapper;
        this.options = options;
    }

    @Override
    public void register(Javalin app) {
        // a plain GET rather than Javalin's SSE support, which answers only clients that send
        // "Accept: text/event-stream": curl and scripts should get the stream too
        app.get(PATH, ctx -> stream(new EventStream(ctx.req(), ctx.res())));
        // GET's status and headers, sent at once (as the stream's are, so with no length), without
        // the stream: no subscription, no place taken
        app.head(PATH, ctx -> {
            admit();
            new EventStream(ctx.req(), ctx.res()).open();
        });
    }

    /** Refuses a new stream while the node stops or every slot is taken. */
    private void admit() {
        if (closed) {
            throw new ApiException(503, "unavailable", "the node is stopping");
        }
        if (subscribers.size() >= options.maxEventClients()) {
            throw new ApiException(503, "too_many_clients", "this node serves at most " + options.maxEventClients()
                    + " event streams at once");
        }
    }

    /** Events buffered for one client. */
    private static final class Subscriber {
        final BlockingQueue<NodeEvent> queue;
        final AtomicLong dropped = new AtomicLong();

        Subscriber(int capacity) {
            queue = new ArrayBlockingQueue<>(capacity);
        }

        /** Wakes the stream's thread to end it, whatever is queued. */
        void close() {
            queue.clear();
            queue.offer(CLOSE);
        }

        void offer(NodeEvent event) {
            if (!queue.offer(event)) {
                dropped.incrementAndGet();
            }
        }
    }

    /** Runs on a request thread for as long as the client stays (a write to a closed client fails). */
    private void stream(EventStream out) throws IOException {
        admit();
        Subscriber sub = new Subscriber(options.eventQueue());
        subscribers.add(sub);
        try (AutoCloseable subscription = node.events().subscribe(sub::offer)) {
            out.open();
            // the slot is freed as soon as the client closes, not at the next heartbeat's failed write
            out.onClientGone(sub::close);
            out.event("hello", ApiJson.write(mapper, hello()));
            while (!closed) {
                NodeEvent event = sub.queue.poll(options.eventHeartbeat().toMillis(), TimeUnit.MILLISECONDS);
                if (event == CLOSE) {
                    break;
                }
                long missed = sub.dropped.getAndSet(0);
                if (missed > 0) {
                    out.event("overflow", ApiJson.write(mapper, Map.of("dropped", missed)));
                }
                if (event == null) {
                    out.comment("heartbeat");
                } else {
                    out.event(event.kind(), event.seq(), ApiJson.write(mapper, stamped(event)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.debug("event stream client gone: {}", e.toString());
        } catch (Exception e) {
            log.debug("event stream ended: {}", e.toString());
        } finally {
            out.end();
            subscribers.remove(sub);
        }
    }

    /**
     * The event's own fields, then the node's id, its number and its time: a lab that follows
     * several nodes' streams names, orders and times each event without stamping it itself.
     */
    private JsonNode stamped(NodeEvent event) {
        JsonNode data = mapper.valueToTree(event.data());
        if (data instanceof ObjectNode o) {
            o.put("node", node.settings().id());
            o.put("seq", event.seq());
            o.put("at", event.at());
        }
        return data;
    }

    private Map<String, Object> hello() {
        ChainTip tip = node.chain().tip();
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("id", node.settings().id());
        // the number of the latest event before this stream began: the first it gets is the next
        hello.put("seq", node.events().lastSeq());
        hello.put("at", node.clock().millis());
        hello.put("height", tip.height());
        hello.put("tip", tip.hash().toString());
        hello.put("difficulty_bits", tip.difficultyBits());
        // a light node's chain is its headers (its block tip stays at genesis): where a watcher starts from
        HeaderInfo best = node.chain().bestHeader();
        hello.put("best_header_height", best.height());
        hello.put("best_header", best.hash().toString());
        return hello;
    }

    int clients() {
        return subscribers.size();
    }

    /** Ends every stream (before the HTTP server stops, which would otherwise wait for them). */
    @Override
    public void close() {
        closed = true;
        subscribers.forEach(Subscriber::close);
    }
}
