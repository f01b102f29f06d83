package io.flint.p2p;

/**
 * Told about {@link P2pEvent}s on the event-loop thread, in order. Implementations return
 * quickly (hand the event to another thread if they do I/O).
 */
@FunctionalInterface
public interface P2pEventListener {
    void onEvent(P2pEvent event);
}
