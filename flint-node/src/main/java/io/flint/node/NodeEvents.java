package io.flint.node;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fan-out of {@link NodeEvent}s to whoever listens (SSE clients, tests). */
public final class NodeEvents {
    private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);
    private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();

    public AutoCloseable subscribe(Consumer<NodeEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(String kind, Object data) {
        NodeEvent event = new NodeEvent(kind, data);
        for (Consumer<NodeEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // a broken watcher (a closed HTTP stream) must not disturb the node
                log.debug("event listener failed: {}", e.toString());
            }
        }
    }
}
