package io.flint.node;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fan-out of {@link NodeEvent}s to whoever listens (SSE clients, tests), numbered and timed. */
public final class NodeEvents {
    private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);
    private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private long published;

    public NodeEvents(Clock clock) {
        this.clock = clock;
    }

    public AutoCloseable subscribe(Consumer<NodeEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Numbers the event and hands it to every listener. Synchronized: events come from several
     * threads (the loop, the miner, API requests), and every listener must see them in the order
     * of their numbers. Listeners only queue (an HTTP stream's writer runs on its own thread).
     */
    public synchronized void publish(String kind, Object data) {
        NodeEvent event = new NodeEvent(kind, data, ++published, clock.millis());
        for (Consumer<NodeEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // a broken watcher (a closed HTTP stream) must not disturb the node
                log.debug("event listener failed: {}", e.toString());
            }
        }
    }

    /** The number of the latest event published (0 before the first). */
    public synchronized long lastSeq() {
        return published;
    }
}
